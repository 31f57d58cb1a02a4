import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosticReport } from '../../shared/erp-diagnostics';
import { reportAsText } from '../../shared/erp-diagnostics';
import { MicrosipConnector } from '../../electron/erp/microsip/microsip-connector';
import type { FirebirdQueryable } from '../../electron/erp/microsip/firebird-client';
import { SAMPLE_WAREHOUSES, type FixtureCompany } from '../../scripts/fixtures/microsip';
import { useMicrosipFixture } from '../helpers/microsip-fixture-suite';

/**
 * *Diagnóstico* of Microsip against real Firebird: the 2020+ fixture, a pre-2020 one, a company whose database has
 * a NOT NULL column the writer does not know and lacks an optional catalog table, and a read-only Firebird user
 * (SELECT only) for whom the report is produced and nothing in the database changes.
 */
const full = { catalogs: { schema: 'full', data: 'sample' }, warehouses: SAMPLE_WAREHOUSES } as const;
const COMPANIES: FixtureCompany[] = [
  { id: 1, shortName: 'SUCURSALES 2020', ...full, orders: true },
  { id: 2, shortName: 'ANTES DE 2020', ...full, orders: 'pre-2020', branches: null },
  { id: 3, shortName: 'RARA', ...full, orders: true },
];
const microsip = useMicrosipFixture('microsip-doctor', COMPANIES);
const ARTIFACTS = join(__dirname, '..', '.artifacts');
const READER = { user: 'WOPEN_LECTOR', password: 'lector123' };

let connector: MicrosipConnector;
beforeAll(async () => {
  connector = new MicrosipConnector(microsip.config(), microsip.env.password);
  await microsip.companyDb(2, async (q) => {
    await q.query('ALTER TABLE DOCTOS_VE ADD CANAL_OBLIGATORIO VARCHAR(10)');
    await q.query('DROP TABLE VIAS_EMBARQUE');
    await q.query('ALTER TABLE COBRADORES DROP NOMBRE');
  });
  await microsip.companyDb(2, async (q) => {
    await q.query("UPDATE DOCTOS_VE SET CANAL_OBLIGATORIO = 'MOSTRADOR'");
    await q.query('ALTER TABLE DOCTOS_VE ALTER COLUMN CANAL_OBLIGATORIO SET NOT NULL');
  });
});
afterAll(async () => {
  await connector?.close();
  await microsip.companyDb(0, (q) => q.query(`DROP USER ${READER.user}`)).catch(() => undefined);
});

const section = (r: DiagnosticReport, key: string) => {
  const s = r.sections.find((x) => x.key === key);
  if (!s) throw new Error(`no section ${key}: ${r.sections.map((x) => x.key).join(', ')}`);
  return s;
};
const faults = (r: DiagnosticReport, key: string) => section(r, key).checks.filter((c) => c.status === 'falta');
const save = (name: string, r: DiagnosticReport) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, `${name}.json`), `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(join(ARTIFACTS, `${name}.txt`), reportAsText(r));
};

/**
 * Runs one step of a slow test under its own budget, so a hang names the step (with the time it had) instead of
 * ending as a bare test timeout.
 */
async function step<T>(name: string, budgetMs: number, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const overdue = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name}: no answer after ${budgetMs} ms`)), budgetMs);
  });
  try {
    return await Promise.race([work(), overdue]);
  } finally {
    clearTimeout(timer);
    const took = Date.now() - started;
    if (took > budgetMs / 4) console.warn(`[microsip-doctor] ${name} took ${took} ms`);
  }
}

/** Everything a write would move: row counts, FOLIOS_VENTAS consecutives, the generator. */
async function footprint(q: FirebirdQueryable) {
  const [docs] = await q.query<{ N: number }>('SELECT COUNT(*) AS N FROM DOCTOS_VE');
  const folios = await q.query<{ ID: number; C: number }>(
    'SELECT FOLIO_VENTAS_ID AS ID, CONSECUTIVO AS C FROM FOLIOS_VENTAS ORDER BY 1',
  );
  const [gen] = await q.query<{ G: number }>('SELECT GEN_ID(ID_DOCTOS, 0) AS G FROM RDB$DATABASE');
  return { docs: Number(docs?.N), folios: folios.map((f) => [Number(f.ID), Number(f.C)]), gen: Number(gen?.G) };
}

describe('Microsip Diagnóstico against real Firebird', () => {
  it('2020+ database with SYSDBA: every section, nothing missing, branches and their series listed', async () => {
    const report = await connector.diagnose('1');
    save('doctor-microsip', report);
    expect(report).toMatchObject({ erp: 'microsip', companyId: '1', companyName: expect.any(String) });
    expect(report.server).toMatch(/^Firebird \d+\.\d+\.\d+/);
    expect(report.sections.map((s) => s.key)).toEqual(
      expect.arrayContaining([
        'conexion',
        'catalog:articles',
        'catalog:invoices',
        'write:orders',
        'write:quotes',
        'series',
        'write:invoices',
        'write:stamping',
      ]),
    );
    for (const s of report.sections) expect(faults(report, s.key), s.key).toEqual([]);
    expect(report.summary.falta).toBe(0);
    // The server's own word on the attachment: Srp (Debian's default AuthServer), wire encryption on.
    expect(section(report, 'conexion').checks.find((c) => c.subject === 'Autenticación y cifrado')).toEqual({
      status: 'correcto',
      subject: 'Autenticación y cifrado',
      message: 'Se entró con Srp y la conexión va cifrada.',
    });
    // «Mercancía en tránsito» takes no sales and has no series of its own: worth a look only if it is chosen.
    expect(
      section(report, 'series')
        .checks.filter((c) => c.status !== 'correcto')
        .map((c) => c.subject),
    ).toEqual([
      'Sucursal Mercancía en tránsito (3036477): series de pedidos',
      'Sucursal Mercancía en tránsito (3036477): series de cotizaciones',
    ]);
    const orders = section(report, 'write:orders').checks;
    expect(orders.find((c) => c.subject === 'Columna DOCTOS_VE.SUCURSAL_ID')?.status).toBe('advertencia');
    expect(orders.find((c) => c.subject === 'Procedimiento CALC_TOTALES_DOCTO_VE')?.message).toMatch(
      /^Microsip calcula y guarda los totales \(entradas .+; salidas NUM_RENGLONES, DSCTO_ARTS, DSCTO_EXTRA_IMPORTE\)\.$/,
    );
    expect(orders.find((c) => c.subject.startsWith('Disparadores'))?.message).toMatch(/DOCTOS_VE_BEFINSUPD_RI/);
    const series = section(report, 'series').checks.map((c) => c.subject);
    expect(series).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Sucursal Matriz \(225490\): series de pedidos$/),
        expect.stringMatching(/^Sucursal Norte .+ \(384\): series de cotizaciones$/),
      ]),
    );
  });

  it('pre-2020 database: no branch checks, series for the whole company', async () => {
    const report = await connector.diagnose('2');
    save('doctor-microsip-pre2020', report);
    expect(report.summary.falta).toBe(0);
    expect(section(report, 'write:orders').checks.some((c) => c.subject.includes('SUCURSAL_ID'))).toBe(false);
    expect(section(report, 'series').checks.map((c) => c.subject)).toEqual([
      'Empresa: series de pedidos',
      'Empresa: series de cotizaciones',
    ]);
  });

  it('an unknown NOT NULL column is a falta naming TABLE.COLUMN; a missing catalog table says «Este ERP no tiene este catálogo»', async () => {
    const report = await connector.diagnose('3');
    expect(faults(report, 'write:orders')).toEqual([
      {
        status: 'falta',
        subject: 'Columna DOCTOS_VE.CANAL_OBLIGATORIO (NOT NULL)',
        message:
          'Es obligatoria, no tiene valor por omisión y el conector no sabe qué valor darle, así que los pedidos quedarán pendientes: dele un valor por omisión en la base (o envíe este informe a soporte).',
      },
    ]);
    expect(faults(report, 'catalog:shipping-methods')[0]?.message).toMatch(
      /^Este ERP no tiene este catálogo: falta VIAS_EMBARQUE\./,
    );
    expect(faults(report, 'catalog:articles')).toEqual([]);
    // The catalog's own query, built for this schema, runs without the optional NOMBRE column (the reader reads NULL).
    expect(
      section(report, 'catalog:collectors').checks.find((c) => c.subject === 'Consulta del catálogo')?.status,
    ).toBe('correcto');
  });

  it('as a read-only Firebird user: the report is produced, the missing rights are named with the GRANT, nothing changed', async () => {
    // A run that died before afterAll may have left the user behind.
    await step('DROP USER', 20_000, () =>
      microsip.companyDb(0, (q) => q.query(`DROP USER ${READER.user}`)).catch(() => undefined),
    );
    await step('CREATE USER + GRANT SELECT', 30_000, () =>
      microsip.companyDb(0, async (q) => {
        await q.query(`CREATE USER ${READER.user} PASSWORD '${READER.password}'`);
        const tables = await q.query<{ N: string }>(
          'SELECT TRIM(RDB$RELATION_NAME) AS N FROM RDB$RELATIONS WHERE COALESCE(RDB$SYSTEM_FLAG, 0) = 0',
        );
        // One transaction: a commit per GRANT is an fsync each (forced writes), seconds on a loaded 2-core CI.
        await q.transaction(async (tx) => {
          for (const t of tables) await tx.query(`GRANT SELECT ON "${t.N}" TO ${READER.user}`);
        });
      }),
    );
    await step('GRANT SELECT ON EMPRESAS', 20_000, () =>
      microsip.configDb(async (q) => {
        await q.query(`GRANT SELECT ON EMPRESAS TO ${READER.user}`);
      }),
    );
    // The new login becomes usable once the security database has committed it; under load that can trail the
    // detach of the session that created it by a moment.
    // Firebird answers every 4th failed login from one address only after 8 s (its brute-force guard), and other
    // test files fail logins on purpose: so wait for the user as SYSDBA, and log in as it only once it exists.
    await step('the new user is in SEC$USERS', 20_000, async () => {
      for (;;) {
        const rows = await microsip.companyDb(0, (q) =>
          q.query<{ N: number }>('SELECT COUNT(*) AS N FROM SEC$USERS WHERE SEC$USER_NAME = ?', [READER.user]),
        );
        if (Number(rows[0]?.N) > 0) return;
        await new Promise((r) => setTimeout(r, 200));
      }
    });
    // Seen here: the server's Srp check can refuse a user SEC$USERS already shows for several seconds. Patient
    // attempts, 2 s apart: at most two of them pay the 8 s guard.
    await step('first login of the new user', 90_000, async () => {
      for (let attempt = 1; ; attempt++) {
        const failed = await microsip
          .companyDbAs(0, READER, (q) => q.query('SELECT 1 AS X FROM RDB$DATABASE'))
          .then(
            () => null,
            (e: unknown) => e,
          );
        if (!failed) return;
        console.warn(`[microsip-doctor] login ${attempt} as ${READER.user} failed: ${String(failed)}`);
        if (attempt >= 10) throw failed;
        await new Promise((r) => setTimeout(r, 2_000));
      }
    });
    const before = await step('footprint before', 20_000, () => microsip.companyDb(0, footprint));
    const reader = new MicrosipConnector(microsip.config({ user: READER.user }), READER.password);
    try {
      // The user really cannot write.
      const denied = await step('UPDATE refused', 20_000, () =>
        microsip
          .companyDbAs(0, READER, (q) =>
            q.query("UPDATE FOLIOS_VENTAS SET CONSECUTIVO = CONSECUTIVO + 1 WHERE TIPO_DOCTO = 'P'"),
          )
          .catch((e: unknown) => e),
      );
      expect(String(denied)).toMatch(/no permission|permission/i);
      const report = await step('Diagnóstico as the reader', 40_000, () => reader.diagnose('1'));
      save('doctor-microsip-lector', report);
      expect(report.companyId).toBe('1');
      const orders = faults(report, 'write:orders').map((c) => c.subject);
      expect(orders).toEqual(
        expect.arrayContaining([
          'Permisos en DOCTOS_VE',
          'Permisos en DOCTOS_VE_DET',
          'Permisos en FOLIOS_VENTAS',
          'Permisos en CALC_TOTALES_DOCTO_VE',
        ]),
      );
      expect(faults(report, 'write:orders').find((c) => c.subject === 'Permisos en DOCTOS_VE')?.message).toBe(
        `El usuario ${READER.user} no puede escribir los pedidos sin ellos: pida GRANT INSERT, UPDATE ON DOCTOS_VE TO ${READER.user}.`,
      );
      expect(
        faults(report, 'write:orders').find((c) => c.subject === 'Permisos en CALC_TOTALES_DOCTO_VE')?.message,
      ).toContain('GRANT EXECUTE ON PROCEDURE CALC_TOTALES_DOCTO_VE');
      for (const s of report.sections.filter((x) => x.key.startsWith('catalog:')))
        expect(faults(report, s.key), s.key).toEqual([]);
    } finally {
      await reader.close();
    }
    expect(await microsip.companyDb(0, footprint)).toEqual(before);
  }, 180_000); // creates a login, grants SELECT on every table and runs a whole Diagnóstico as that user
});
