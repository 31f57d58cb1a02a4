import type { DiagnosticCheck } from '../../../../shared/erp-diagnostics';
import { grantText, list, missing, objectLabel, ok, type DoctorContext } from './checks';

/**
 * The checks every section repeats for one table or view: that it exists with the columns the adapter names, that
 * the login may read or write it, and that no NOT NULL column without default is left for the writer to forget.
 * `consequence` ends each 'falta' sentence («el catálogo se omite», «los pedidos no se pueden registrar»).
 */

/** Exists with every column in `columns`; `absent` words the message when the object or a column is missing. */
export async function presenceCheck(
  ctx: DoctorContext,
  table: string,
  columns: Iterable<string>,
  absent: (what: string) => string,
  usedBy: string,
): Promise<{ check: DiagnosticCheck; present: boolean }> {
  const info = await ctx.probe.object(table);
  const subject = objectLabel(table);
  if (!info.exists) return { check: missing(subject, absent(`dbo.${table}`)), present: false };
  const wanted = [...new Set(columns)];
  const lacking = wanted.filter((c) => !info.columns.has(c.toLowerCase()));
  if (lacking.length) {
    const what = lacking.map((c) => `dbo.${table}.${c}`);
    return {
      check: missing(subject, absent(what.length === 1 ? `la columna ${what[0]}` : `las columnas ${list(what)}`)),
      present: false,
    };
  }
  const detail = wanted.length ? `, con las columnas que usa ${usedBy} (${list(wanted)})` : '';
  return { check: ok(subject, `Existe${detail}.`), present: true };
}

export async function selectCheck(ctx: DoctorContext, table: string, consequence: string): Promise<DiagnosticCheck> {
  const rights = await ctx.probe.objectRights(table);
  const subject = `Permiso SELECT en dbo.${table}`;
  return rights.select
    ? ok(subject, `El usuario «${ctx.user}» puede leerla.`)
    : missing(
        subject,
        `El usuario «${ctx.user}» no puede leerla y ${consequence}: pida ${grantText('SELECT', `dbo.${table}`, ctx.user)} (o el rol db_datareader).`,
      );
}

export async function writeRightCheck(
  ctx: DoctorContext,
  table: string,
  kind: 'INSERT' | 'UPDATE',
  consequence: string,
): Promise<DiagnosticCheck> {
  const rights = await ctx.probe.objectRights(table);
  const granted = kind === 'INSERT' ? rights.insert : rights.update;
  const verb = kind === 'INSERT' ? 'insertar filas en ella' : 'modificar sus filas';
  const subject = `Permiso ${kind} en dbo.${table}`;
  return granted
    ? ok(subject, `El usuario «${ctx.user}» puede ${verb}.`)
    : missing(
        subject,
        `El usuario «${ctx.user}» no puede ${verb} y ${consequence}: pida ${grantText(kind, `dbo.${table}`, ctx.user)} (o el rol db_datawriter).`,
      );
}

/** NOT NULL columns without default (nor IDENTITY, computed, rowversion) that `filled` leaves out: each one is named. */
export async function requiredColumnChecks(
  ctx: DoctorContext,
  table: string,
  filled: Iterable<string>,
  consequence: string,
): Promise<DiagnosticCheck[]> {
  const info = await ctx.probe.object(table);
  if (!info.exists) return [];
  const written = new Set([...filled].map((c) => c.toLowerCase()));
  const required = [...info.columns.values()].filter((c) => !c.nullable && !c.filledByServer);
  const forgotten = required.filter((c) => !written.has(c.name.toLowerCase()));
  if (forgotten.length === 0) {
    const what = required.length === 1 ? 'la única columna NOT NULL' : `las ${required.length} columnas NOT NULL`;
    return [ok(`Columnas obligatorias de dbo.${table}`, `El conector llena ${what} sin valor predeterminado.`)];
  }
  return forgotten.map((c) =>
    missing(
      `Columna dbo.${table}.${c.name} (NOT NULL)`,
      `No admite NULL ni tiene valor predeterminado y el conector no la llena, así que ${consequence}: envíe este informe a soporte para que el conector la llene.`,
    ),
  );
}
