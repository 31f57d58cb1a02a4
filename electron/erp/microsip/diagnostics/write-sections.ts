import type { DiagnosticCheck, DiagnosticSection } from '../../../../shared/erp-diagnostics';
import type { FirebirdQueryable } from '../firebird-client';
import type { OrderSchema } from '../orders/load-order-facts';
import { TOTALS_PROCEDURE, totalsUse } from '../orders/totals-use';
import { DOCUMENT_COLUMNS, emptyWhen, LIBRES_COLUMNS, LINE_COLUMNS } from '../orders/written-columns';
import { missing, ok, warn } from '../../../../shared/erp-diagnostics';
import type { Privilege, PrivilegeReader } from './privileges';

type Kind = { key: 'write:orders' | 'write:quotes'; title: string; libres: string; documents: string };
export const WRITE_KINDS: readonly Kind[] = [
  { key: 'write:orders', title: 'Pedidos (escritura)', libres: 'LIBRES_PED_VE', documents: 'los pedidos' },
  { key: 'write:quotes', title: 'Cotizaciones (escritura)', libres: 'LIBRES_COT_VE', documents: 'las cotizaciones' },
];

/**
 * A write path as the writer will meet it: the NOT NULL columns without default of each table it inserts into,
 * compared with the columns the writer fills (orders/written-columns.ts, the writer's own declaration), the totals
 * procedure as the writer will call it, the triggers that will run, and the rights it needs.
 */
export async function writeSection(
  db: FirebirdQueryable,
  schema: OrderSchema,
  kind: Kind,
  rights: PrivilegeReader,
): Promise<DiagnosticSection> {
  const checks: DiagnosticCheck[] = [];
  const tables: [string, readonly string[]][] = [
    ['DOCTOS_VE', DOCUMENT_COLUMNS],
    ['DOCTOS_VE_DET', LINE_COLUMNS],
  ];
  if (schema.has(kind.libres, 'DOCTO_VE_ID')) tables.push([kind.libres, LIBRES_COLUMNS]);
  else checks.push(ok(`Tabla ${kind.libres}`, 'No existe en esta base; el conector no la necesita.'));
  for (const [table, written] of tables) checks.push(...columnChecks(schema, table, written, kind.documents));

  if (schema.branches) {
    checks.push(
      warn(
        'Columna DOCTOS_VE.SUCURSAL_ID',
        'Esta base guarda la sucursal de cada documento (Microsip 2020 o posterior): la empresa necesita una Sucursal en la consola para sincronizar pedidos.',
      ),
    );
  }

  const use = totalsUse(schema.totals);
  const params = schema.totals
    ? `entradas ${schema.totals.inputs.join(', ') || '(ninguna)'}; salidas ${schema.totals.outputs.join(', ') || '(ninguna)'}`
    : '';
  checks.push(
    use === 'none'
      ? warn(
          `Procedimiento ${TOTALS_PROCEDURE}`,
          schema.totals
            ? `Tiene otra forma (${params}): el conector guarda la suma de las partidas sin impuestos; Microsip los recalcula al abrir el documento. Envíe este informe a soporte.`
            : 'No existe: el conector guarda la suma de las partidas sin impuestos. Envíe este informe a soporte.',
        )
      : ok(
          `Procedimiento ${TOTALS_PROCEDURE}`,
          `${use === 'compute' ? 'Microsip calcula y guarda los totales' : 'El conector lee los totales y los guarda'} (${params}).`,
        ),
  );

  const triggers = await db.query<{ N: string; T: number; A: number }>(
    `SELECT RDB$TRIGGER_NAME AS N, RDB$TRIGGER_TYPE AS T, COALESCE(RDB$TRIGGER_INACTIVE, 0) AS A FROM RDB$TRIGGERS
      WHERE RDB$RELATION_NAME IN ('DOCTOS_VE', 'DOCTOS_VE_DET') AND COALESCE(RDB$SYSTEM_FLAG, 0) = 0 ORDER BY RDB$TRIGGER_NAME`,
  );
  const active = triggers.filter((t) => Number(t.A) === 0).map((t) => String(t.N).trim());
  checks.push(
    ok(
      'Disparadores de DOCTOS_VE y DOCTOS_VE_DET',
      active.length
        ? `${active.length} activos (${active.join(', ')}): corren al escribir, como con un documento capturado en Microsip.`
        : 'No hay disparadores activos.',
    ),
  );

  const needs: [string, Privilege[], boolean][] = [
    ...tables.map(([t]): [string, Privilege[], boolean] => [t, ['I', 'U'], false]),
    ['FOLIOS_VENTAS', ['S', 'U'], false],
    ...(use === 'none' ? [] : [[TOTALS_PROCEDURE, ['X'], true] as [string, Privilege[], boolean]]),
  ];
  for (const [object, privileges, procedure] of needs) {
    const lacking = privileges.filter((p) => !rights.may(object, p));
    const subject = `Permisos en ${object}`;
    checks.push(
      lacking.length === 0
        ? ok(subject, `El usuario ${rights.user} tiene los permisos que el conector usa.`)
        : missing(
            subject,
            `El usuario ${rights.user} no puede escribir ${kind.documents} sin ellos: pida ${rights.grantText(object, lacking, procedure)}.`,
          ),
    );
  }
  return { key: kind.key, title: kind.title, checks };
}

function columnChecks(
  schema: OrderSchema,
  table: string,
  written: readonly string[],
  documents: string,
): DiagnosticCheck[] {
  const fills = new Set(written);
  const checks: DiagnosticCheck[] = [];
  const required = schema.required(table);
  const unknown = required.filter((c) => !fills.has(c));
  for (const column of unknown) {
    checks.push(
      missing(
        `Columna ${table}.${column} (NOT NULL)`,
        `Es obligatoria, no tiene valor por omisión y el conector no sabe qué valor darle, así que ${documents} quedarán pendientes: dele un valor por omisión en la base (o envíe este informe a soporte).`,
      ),
    );
  }
  for (const column of required.filter((c) => fills.has(c) && emptyWhen(c) !== undefined && c !== 'SUCURSAL_ID')) {
    checks.push(
      warn(
        `Columna ${table}.${column} (NOT NULL)`,
        `Es obligatoria y el conector la deja vacía cuando ${emptyWhen(column)}: esos documentos quedarán pendientes.`,
      ),
    );
  }
  if (unknown.length === 0)
    checks.push(
      ok(
        `Tabla ${table}`,
        `Existe y el conector llena ${required.length === 1 ? 'su columna obligatoria' : `sus ${required.length} columnas obligatorias`} sin valor por omisión.`,
      ),
    );
  return checks;
}
