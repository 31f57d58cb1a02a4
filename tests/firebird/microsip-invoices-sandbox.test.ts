import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConsole } from '../../electron/hosting/compose';
import { readCfdi } from '../../electron/erp/cfdi/read-cfdi';
import { SAMPLE_WAREHOUSES, type FixtureCompany } from '../../scripts/fixtures/microsip';
import { SAMPLE_CFDIS } from '../../scripts/fixtures/microsip/sample-invoice-data';
import { SAMPLE_PV_CFDIS } from '../../scripts/fixtures/microsip/sample-pos-invoice-data';
import { useMicrosipFixture } from '../helpers/microsip-fixture-suite';
import { tempDir } from '../helpers/temp-dir';
import { settingsInput } from '../helpers/settings-input';
import { PASSWORD, USER, control, records, sandbox } from '../store/sandbox-fixture';
import { phaseOf } from '../../electron/engine/run-report';

/**
 * Issue 7 end to end for a Microsip company: the engine over the real Firebird adapter pushes the facturas
 * stamped in Microsip to the sandbox over HTTP, where a customer would download them; invoice requests are not
 * turned into Microsip invoices (b2bGO does not either) and stay untouched in the store.
 */
// With a branch, the sample company also has Punto de Venta facturas (sample-pos-invoice-data.ts).
const COMPANIES: FixtureCompany[] = [
  {
    id: 7,
    shortName: 'CFDI “ÑANDÚ” €',
    branches: [{ id: 225490, name: 'Matriz' }],
    warehouses: SAMPLE_WAREHOUSES,
    catalogs: { schema: 'full', data: 'sample' },
  },
];
const microsip = useMicrosipFixture('microsip-invoices-sandbox', COMPANIES);

describe('Microsip facturas → Wopen (Firebird + sandbox over HTTP)', () => {
  it('sends the stamped facturas with their CFDI when Sincronización Facturas is on, and leaves invoice requests alone', async () => {
    const sb = await sandbox();
    await control(sb, '/invoice-requests', {
      id: 'sol-1',
      customerKey: '3001',
      lines: [{ articleKey: '1001', quantity: 1, unitPrice: 10 }],
    });
    const c = openConsole({ databasePath: path.join(tempDir(), 'w.sqlite'), version: 't' });
    try {
      const { id } = await c.service.saveConnection({ config: microsip.config(), newPassword: microsip.env.password });
      await c.service.listCompanies(id);
      const save = async (invoices: boolean) =>
        expect(
          await c.service.saveSettings(id, [
            settingsInput('7', { sync: true, invoices, url: sb.url, user: USER, newPassword: PASSWORD }),
          ]),
        ).toMatchObject({ ok: true });
      const run = () => c.engine.run({ connectionId: id, companyId: '7' }, { trigger: 'manual' });

      await save(false);
      const off = await run();
      expect(off.state).toBe('success');
      expect(await records(sb, 'invoices')).toEqual([]);

      await save(true);
      const on = await run();
      expect(on.state).toBe('success');
      expect(phaseOf(on, 'invoices')).toMatchObject({
        state: 'skipped',
        message: 'Este ERP no crea facturas desde la tienda.',
      });
      expect(on.catalogs.find((x) => x.catalog === 'invoices')).toMatchObject({
        state: 'success',
        pushed: 7,
        failed: 0,
      });
      const pushed = await records(sb, 'invoices');
      expect(pushed.map((r) => r.key).sort()).toEqual([
        '502',
        '504',
        '506',
        '507',
        'pv:15239010',
        'pv:15239011',
        'pv:502',
      ]);
      const first = pushed.find((r) => r.key === '502')!;
      // The customer downloads exactly the CFDI Microsip keeps: the UUID read back from it with the CFDI library.
      expect(readCfdi(first.data.xml as string).uuid).toBe(SAMPLE_CFDIS[502].uuid.toUpperCase());
      expect(first.data.xml).toContain('ÑANDÚ');
      expect(pushed.find((r) => r.key === '506')!.data.status).toBe('cancelada');
      // A Punto de Venta factura (the XML read in two chunks) downloads the same way.
      const pv = pushed.find((r) => r.key === 'pv:15239010')!;
      expect(readCfdi(pv.data.xml as string).uuid).toBe(SAMPLE_PV_CFDIS[15239010].uuid.toUpperCase());
      expect(pv.data).toMatchObject({ folio: 'FA0000012', customerKey: '3001', total: 17000, status: 'vigente' });
      expect(pushed.find((r) => r.key === 'pv:15239011')!.data.status).toBe('cancelada');
      const requests = (await control<{ requests: { id: string; status: string }[] }>(sb, '/invoice-requests'))
        .requests;
      expect(requests).toEqual([expect.objectContaining({ id: 'sol-1', status: 'open' })]);

      const again = await run();
      expect(again.catalogs.find((x) => x.catalog === 'invoices')).toMatchObject({ read: 0, pushed: 0 });
    } finally {
      c.close();
    }
  }, 120_000);
});
