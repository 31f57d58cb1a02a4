import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportAsText } from '../../shared/erp-diagnostics';
import { UnknownCompanyError } from '../../electron/app/console-service';
import { cli } from '../helpers/cli';
import { sampleReport } from '../helpers/diagnostic-report';
import { FakeErp } from '../helpers/fake-erp';
import { serviceWithFakeErp } from '../helpers/service';
import { tempDir } from '../helpers/temp-dir';

const microsip = {
  kind: 'microsip' as const,
  host: '127.0.0.1',
  port: 3050,
  folder: 'C:\\Microsip datos\\',
  user: 'SYSDBA',
};

describe('ConsoleService.diagnoseErp', () => {
  it('asks the adapter with the stored password for that company, closes the connector and records the summary', async () => {
    const t = serviceWithFakeErp();
    t.erp.diagnosis = (companyId) => sampleReport(companyId, { missing: true });
    const { id } = await t.service.saveConnection({ config: microsip, newPassword: 'masterkey-Ñ' });
    await t.service.listCompanies(id);
    const closedBefore = t.erp.closed;

    const report = await t.service.diagnoseErp(id, '1');
    expect(report).toEqual(sampleReport('1', { missing: true }));
    expect(t.erp.diagnosedFor).toEqual(['1']);
    expect(t.erp.passwordsSeen.at(-1)).toBe('masterkey-Ñ');
    expect(t.erp.closed).toBe(closedBefore + 1);

    const event = t.journal.listEvents({ days: 1 }).find((e) => e.message.startsWith('Diagnóstico'));
    expect(event).toMatchObject({
      level: 'warning',
      companyName: 'ÑANDÚ €URO',
      message: `Diagnóstico de «${t.service.listConnections()[0]!.name}»: 3 correcto, 0 advertencia, 1 falta.`,
    });
    const detail = t.journal.getEventDetail(event!.id).detailsExcerpt ?? '';
    expect(detail).toContain('Pedidos (escritura) · Columna DOCTOS_VE.SUCURSAL_ID (NOT NULL)');

    // Without a company: the connection alone.
    await t.service.diagnoseErp(id, null);
    expect(t.erp.diagnosedFor).toEqual(['1', null]);
  });

  it('refuses an unknown connection and a company the ERP does not list; reads the list first when never read', async () => {
    const t = serviceWithFakeErp();
    t.erp.diagnosis = (companyId) => sampleReport(companyId);
    await expect(t.service.diagnoseErp(99, null)).rejects.toThrow('No existe la conexión 99.');
    const { id } = await t.service.saveConnection({ config: microsip, newPassword: 'x' });
    // Companies never listed: read from the ERP first, so the id is known.
    expect((await t.service.diagnoseErp(id, '2')).companyId).toBe('2');
    const unknown = t.service.diagnoseErp(id, '77');
    await expect(unknown).rejects.toBeInstanceOf(UnknownCompanyError);
    await expect(unknown).rejects.toThrow(/La empresa 77 no existe en la conexión/);
    expect(t.erp.diagnosedFor).toEqual(['2']);
  });

  it('an ERP that cannot be read still gets diagnosed (the report says why); an adapter without Diagnóstico says so', async () => {
    const t = serviceWithFakeErp();
    t.erp.diagnosis = (companyId) => sampleReport(companyId);
    const { id } = await t.service.saveConnection({ config: microsip, newPassword: 'x' });
    t.erp.down = true;
    expect((await t.service.diagnoseErp(id, '5')).companyId).toBe('5');

    const plain = serviceWithFakeErp();
    const conn = await plain.service.saveConnection({ config: microsip, newPassword: 'x' });
    await expect(plain.service.diagnoseErp(conn.id, null)).rejects.toThrow(
      /es de un tipo de ERP que todavía no tiene Diagnóstico/,
    );
    expect(plain.erp.closed).toBe(1);

    const broken = serviceWithFakeErp();
    broken.erp.diagnosis = () => {
      throw new Error('socket hang up');
    };
    const b = await broken.service.saveConnection({ config: microsip, newPassword: 'x' });
    await expect(broken.service.diagnoseErp(b.id, null)).rejects.toThrow(
      /^No se pudo hacer el diagnóstico de «.*»\. Error inesperado: socket hang up/,
    );
  });
});

describe('wopen-sync erp doctor', () => {
  async function setup(diagnosis: FakeErp['diagnosis']) {
    const erp = new FakeErp();
    erp.diagnosis = diagnosis;
    const db = path.join(tempDir(), 'w.sqlite');
    const run = (argv: string[]) => cli(['--db', db, ...argv], { FB_PW: 'masterkey' }, { erpFactory: erp.factory });
    await run([
      'erp',
      'add',
      '--kind',
      'microsip',
      '--host',
      '127.0.0.1',
      '--folder',
      'C:\\Microsip datos\\',
      '--password-env',
      'FB_PW',
    ]);
    return { erp, run };
  }

  it('prints the plain-text report; exit 0 with only advertencias, 1 when something falta', async () => {
    const ok = await setup((c) => sampleReport(c, { warn: true }));
    const r = await ok.run(['erp', 'doctor', '--connection', '1', '--company', '1']);
    expect(r).toEqual({ code: 0, stdout: reportAsText(sampleReport('1', { warn: true })), stderr: '' });
    expect(r.stdout).toContain('[advertencia] Columna ARTICULOS.ES_ALMACENABLE');
    expect(r.stdout).toContain('Empresa: ÑANDÚ €URO (1)');

    const bad = await setup((c) => sampleReport(c, { missing: true }));
    const m = await bad.run(['erp', 'doctor', '--connection', '1']);
    expect(m.code).toBe(1);
    expect(m.stdout).toContain('[FALTA] Columna DOCTOS_VE.SUCURSAL_ID (NOT NULL)');
    expect(m.stdout).toContain('Resumen: 3 correcto, 0 advertencia, 1 falta');
    expect(bad.erp.diagnosedFor).toEqual([null]);
  });

  it('--json prints the report as one object, with the same exit code', async () => {
    const t = await setup((c) => sampleReport(c, { missing: true }));
    const r = await t.run(['erp', 'doctor', '--connection', '1', '--company', '2', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual(sampleReport('2', { missing: true }));
  });

  it('invalid input exits 2 with a Spanish message; an adapter without Diagnóstico exits 1', async () => {
    const t = await setup((c) => sampleReport(c));
    expect(await t.run(['erp', 'doctor', '--connection', '9'])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'No existe la conexión 9.\n',
    });
    expect(await t.run(['erp', 'doctor', '--connection', 'uno'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--connection debe ser un número/),
    });
    expect(await t.run(['erp', 'doctor', '--connection', '1', '--company', '77'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/La empresa 77 no existe/),
    });
    expect(await t.run(['erp', 'doctor', '--connection', '1', '--company', ' '])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--company no puede ir vacío/),
    });
    expect(t.erp.diagnosedFor).toEqual([]);

    const none = await setup(null);
    expect(await none.run(['erp', 'doctor', '--connection', '1'])).toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(/todavía no tiene Diagnóstico/),
    });
  });
});
