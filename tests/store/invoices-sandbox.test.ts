import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConsole } from '../../electron/hosting/compose';
import { summaryJson } from '../../electron/cli/commands-sync';
import { WopenClient } from '../../electron/store/wopen/wopen-client';
import { FakeErp } from '../helpers/fake-erp';
import { MemoryInvoiceWriter, MemoryStamper } from '../helpers/memory-invoice-writer';
import { MemoryCatalogSource } from '../helpers/memory-catalog-source';
import { tempDir } from '../helpers/temp-dir';
import { settingsInput } from '../helpers/settings-input';
import { PASSWORD, USER, control, fault, records, sandbox } from './sandbox-fixture';
import { phaseOf } from '../../electron/engine/run-report';

interface SandboxInvoiceRequest {
  id: string;
  status: 'open' | 'stamped' | 'pending' | 'failed';
  result: {
    status: string;
    erpFolio: string | null;
    uuid: string | null;
    xml: string | null;
    pdf: string | null;
    message: string | null;
  } | null;
}

const line = (articleKey: string) => ({ articleKey, quantity: 1, unitPrice: 250, description: 'Taladro “ÑANDÚ” €' });

/** The whole company run over HTTP: Sincronización Facturas with and without automatic stamping. */
async function setup() {
  const sb = await sandbox();
  const erp = new FakeErp();
  erp.sources.set('1', new MemoryCatalogSource(['taxes', 'articles', 'invoices']));
  erp.source('1').set('taxes', 1, { name: 'IVA 16%', kind: 'IVA', rate: 16 });
  erp.source('1').set('invoices', 900, {
    folio: 'A900',
    uuid: '9D2C6A11-0D1E-4C8B-9F00-1234567890AB',
    currency: 'MXN',
    total: 1160,
    status: 'vigente',
    xml: '<cfdi:Comprobante Nombre="ÑANDÚ €"/>',
  });
  const writer = new MemoryInvoiceWriter();
  const stamper = new MemoryStamper(writer);
  erp.invoiceWriter = writer;
  erp.stamper = stamper;
  const c = openConsole({
    databasePath: path.join(tempDir(), 'w.sqlite'),
    version: 't',
    erpFactory: erp.factory,
    storeFactory: (cred) => new WopenClient(cred, { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } }),
  });
  const { id } = await c.service.saveConnection({
    config: {
      kind: 'contpaqi',
      server: 'SERVIDOR\\COMPAC',
      database: 'ComercialSP',
      authentication: 'sql',
      user: 'sa',
      encrypt: false,
      trustServerCertificate: true,
    },
    newPassword: 'pw',
  });
  await c.service.listCompanies(id);
  const save = async (invoices: boolean, autoStamp: boolean) => {
    const r = await c.service.saveSettings(id, [
      settingsInput('1', {
        sync: true,
        invoices,
        autoStamp,
        claveProdServ: '31162800',
        claveUnidad: 'H87',
        url: sb.url,
        user: USER,
        newPassword: PASSWORD,
      }),
    ]);
    expect(r).toMatchObject({ ok: true });
  };
  const run = () => c.engine.run({ connectionId: id, companyId: '1' }, { trigger: 'manual' });
  const requests = async () => (await control<{ requests: SandboxInvoiceRequest[] }>(sb, '/invoice-requests')).requests;
  const events = () =>
    c.db.prepare('SELECT Level, Message FROM events ORDER BY EventID').all() as { Level: string; Message: string }[];
  return { sb, erp, writer, stamper, c, save, run, requests, events };
}

describe('invoice requests over HTTP with the sandbox', () => {
  it('malformed requests are answered failed alone with the field named; the good one of the page is invoiced once', async () => {
    const t = await setup();
    await t.save(true, true);
    const good = {
      id: 'sol-ok',
      orderId: null,
      customerKey: 'C1',
      rfc: 'EKU9003173C9',
      usoCfdi: 'G03',
      currency: 'MXN',
      lines: [line('A1')],
    };
    await control(t.sb, '/invoice-requests?raw=1', [
      { ...good, id: 'sol-null', lines: [null] },
      { ...good, id: 'sol-texto', lines: [{ ...line('A1'), unitPrice: '250' }] },
      { ...good, id: 'sol-bool', lines: [{ ...line('A1'), quantity: true }] },
      { ...good, id: 42 },
      good,
    ]);
    const s = await t.run();
    expect(phaseOf(s, 'invoices')).toMatchObject({ state: 'success', counts: { created: 1, rejected: 3 } });
    const byId = Object.fromEntries((await t.requests()).map((r) => [r.id, r]));
    expect(byId['sol-ok']!.result).toMatchObject({ status: 'stamped' });
    expect(byId['sol-null']!.result).toMatchObject({ status: 'failed', message: 'La partida 1 no es un objeto.' });
    expect(byId['sol-texto']!.result).toMatchObject({
      status: 'failed',
      message: 'La partida 1 no tiene precio unitario numérico.',
    });
    expect(byId['sol-bool']!.result).toMatchObject({
      status: 'failed',
      message: 'La partida 1 no tiene cantidad numérica.',
    });
    expect(t.writer.documents.map((d) => d.requestId)).toEqual(['sol-ok']);
    expect(t.events().map((e) => e.Message)).toContainEqual(
      expect.stringMatching(/solicitud de factura sin identificador válido/),
    );
    const again = await t.run();
    expect(phaseOf(again, 'invoices')).toMatchObject({ counts: { created: 0, stamped: 0 } });
    expect(t.writer.documents).toHaveLength(1);
  });

  it('with Sincronización Facturas off nothing is invoiced and no invoice is sent', async () => {
    const t = await setup();
    await t.save(false, true);
    await control(t.sb, '/invoice-requests', { id: 'sol-1', customerKey: 'C1', lines: [line('A1')] });
    const s = await t.run();
    expect(phaseOf(s, 'invoices')).toBeUndefined();
    expect(s.catalogs.map((x) => x.catalog)).not.toContain('invoices');
    expect(t.writer.documents).toEqual([]);
    expect(await records(t.sb, 'invoices')).toEqual([]);
    expect((await t.requests())[0]!.status).toBe('open');
  });

  it('creates, stamps and returns the CFDI; a bad request and a foreign currency fail alone; stamped ERP invoices are downloadable', async () => {
    const t = await setup();
    await t.save(true, true);
    await control(t.sb, '/invoice-requests', {
      id: 'sol-1',
      orderId: null,
      customerKey: 'C1',
      rfc: 'EKU9003173C9',
      usoCfdi: 'G03',
      lines: [line('A1'), line('SOLO-TIENDA')],
    });
    await control(t.sb, '/invoice-requests', {
      id: 'sol-gbp',
      customerKey: 'C1',
      currency: 'GBP',
      lines: [line('A1')],
    });
    await control(t.sb, '/invoice-requests', { id: 'sol-bad', customerKey: 'NADIE', lines: [line('A1')] });
    // One transient store failure on the result call is absorbed by the client's retries.
    await fault(t.sb, { kind: 'status', status: 503, method: 'POST', path: '/invoice-requests/' });

    const s = await t.run();
    expect(s.state).toBe('success');
    expect(phaseOf(s, 'invoices')).toMatchObject({
      state: 'success',
      counts: { created: 1, stamped: 1, unstamped: 0, rejected: 2 },
    });
    expect(s.message).toMatch(/Facturas: 1 creadas, 1 timbradas, 0 sin timbrar, 2 rechazadas\.$/);
    expect((summaryJson(s) as Record<string, unknown>).invoices).toMatchObject({ created: 1, stamped: 1, rejected: 2 });
    expect(t.c.engine.history.phasesOf(s.runId!)).toContainEqual(
      expect.objectContaining({ phase: 'invoices', counts: { created: 1, stamped: 1, unstamped: 0, rejected: 2 } }),
    );
    expect(t.c.sync.status({ connectionId: 1, companyId: '1' }).lastRun?.phases).toEqual([
      {
        phase: 'invoices',
        label: 'Facturas',
        state: 'success',
        stateLabel: 'Exitoso',
        counts: [
          { key: 'created', label: 'creadas', value: 1 },
          { key: 'stamped', label: 'timbradas', value: 1 },
          { key: 'unstamped', label: 'sin timbrar', value: 0 },
          { key: 'rejected', label: 'rechazadas', value: 2 },
        ],
        message: expect.stringMatching(/^Facturas: 1 creadas/),
      },
    ]);

    const byId = Object.fromEntries((await t.requests()).map((r) => [r.id, r]));
    expect(byId['sol-1']).toMatchObject({
      status: 'stamped',
      result: {
        erpFolio: 'WF000001',
        uuid: expect.stringMatching(/^[0-9A-F-]{36}$/),
        xml: expect.stringContaining('Comprobante'),
      },
    });
    expect(Buffer.from(byId['sol-1']!.result!.pdf!, 'base64').toString()).toBe('%PDF-1.4 factura');
    expect(byId['sol-gbp']).toMatchObject({
      status: 'failed',
      result: { message: expect.stringContaining('MXN, EUR y USD') },
    });
    expect(byId['sol-bad']).toMatchObject({
      status: 'failed',
      result: { message: 'El cliente «NADIE» no existe en CONTPAQi.' },
    });
    // The store-only article got the company's default keys.
    expect(t.writer.documents[0]!.settings).toMatchObject({
      defaultClaveProdServ: '31162800',
      defaultClaveUnidad: 'H87',
    });

    const events = t.events();
    expect(events).toContainEqual({
      Level: 'warning',
      Message: expect.stringContaining('sol-gbp de la tienda no se facturó: La licencia de CONTPAQi Comercial Start'),
    });
    expect(events).toContainEqual({
      Level: 'info',
      Message: expect.stringMatching(/^Factura WF000001 timbrada \(UUID/),
    });

    // Stamped ERP invoices (the invoices catalog) reach the store with their XML intact.
    const [stamped] = await records(t.sb, 'invoices');
    expect(stamped).toMatchObject({
      key: '900',
      data: { uuid: '9D2C6A11-0D1E-4C8B-9F00-1234567890AB', xml: '<cfdi:Comprobante Nombre="ÑANDÚ €"/>' },
    });

    const again = await t.run();
    expect(phaseOf(again, 'invoices')).toMatchObject({ counts: { created: 0, stamped: 0, rejected: 0 } });
    expect(t.writer.writes).toBe(2); // sol-1 and sol-bad; GBP never reached the ERP
    expect(t.stamper.calls).toHaveLength(1);
  });

  it('a PAC refusal leaves the invoice unstamped and pending in the store with the SAT message', async () => {
    const t = await setup();
    await t.save(true, true);
    await control(t.sb, '/invoice-requests', { id: 'sol-1', customerKey: 'C1', lines: [line('A1')] });
    await control(t.sb, '/invoice-requests', { id: 'sol-2', customerKey: 'C2', lines: [line('A2')] });
    t.stamper.refuse.set(
      '5001',
      'El RFC del receptor no se encuentra en la lista de RFC inscritos no cancelados en el SAT.',
    );
    const s = await t.run();
    expect(phaseOf(s, 'invoices')).toMatchObject({ counts: { created: 2, stamped: 1, unstamped: 1, rejected: 0 } });
    const byId = Object.fromEntries((await t.requests()).map((r) => [r.id, r]));
    expect(byId['sol-1']).toMatchObject({
      status: 'pending',
      result: { erpFolio: 'WF000001', uuid: null, message: expect.stringContaining('inscritos no cancelados') },
    });
    expect(byId['sol-2']!.status).toBe('stamped');
    expect(t.events()).toContainEqual({
      Level: 'error',
      Message: expect.stringContaining('No se timbró la factura WF000001: El RFC del receptor'),
    });
  });
});
