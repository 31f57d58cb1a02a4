import { describe, expect, it } from 'vitest';
import { openSettingsDatabase } from '../../electron/settings/database';
import { InvoiceInboxRepo } from '../../electron/engine/phases/invoices/invoice-inbox-repo';
import { ImportLock } from '../../electron/engine/phases/inbox/import-lock';
import {
  importInvoices,
  type InvoiceEvent,
  type InvoiceImportDeps,
} from '../../electron/engine/phases/invoices/invoice-import';
import type { InvoiceRequest } from '../../electron/erp/invoice-writer';
import { RecordingStore } from '../helpers/memory-catalog-source';
import { MemoryInvoiceWriter, MemoryStamper } from '../helpers/memory-invoice-writer';

const scope = { connectionId: 1, companyId: '1', storeKey: 'https://prueba.wopen.com.mx#tienda-1' };

const request = (id: string, over: Partial<InvoiceRequest> = {}): InvoiceRequest => ({
  id,
  orderId: null,
  customerKey: 'C1',
  rfc: 'EKU9003173C9',
  usoCfdi: 'G03',
  currency: 'MXN',
  lines: [{ articleKey: 'A1', quantity: 2, unitPrice: 150.5, description: 'Martillo “ÑANDÚ”' }],
  ...over,
});

function setup(opts: { autoStamp?: boolean; claves?: boolean } = {}) {
  const db = openSettingsDatabase(':memory:');
  const inbox = new InvoiceInboxRepo(db);
  const store = new RecordingStore();
  const erp = new MemoryInvoiceWriter();
  const stamper = new MemoryStamper(erp);
  const events: InvoiceEvent[] = [];
  const orderDocs = new Map<string, string>();
  let stamperAvailable = true;
  const run = (over: Partial<InvoiceImportDeps> = {}) =>
    importInvoices({
      scope,
      writer: erp,
      openStamper:
        opts.autoStamp === false
          ? null
          : async () => (stamperAvailable ? stamper : 'El timbrado automático no está disponible en este equipo.'),
      store,
      inbox,
      lock: new ImportLock(db),
      settings: {
        series: null,
        defaultClaveProdServ: opts.claves ? '31162800' : null,
        defaultClaveUnidad: opts.claves ? 'H87' : null,
      },
      orderDocumentOf: (id) => orderDocs.get(id) ?? null,
      onEvent: (e) => events.push(e),
      ...over,
    });
  return { db, inbox, store, erp, stamper, events, orderDocs, run, noStamper: () => (stamperAvailable = false) };
}

describe('invoice requests → ERP invoices, stamped, CFDI back to the store', () => {
  it('creates, stamps and reports each request once; a second run does nothing', async () => {
    const t = setup();
    t.store.addInvoiceRequest(request('F-1'));
    t.store.addInvoiceRequest(request('F-2', { currency: 'USD' }));
    const first = await t.run();
    expect(first).toEqual({ created: 2, stamped: 2, rejected: 0, unstamped: 0, problem: null });
    expect(t.erp.documents.map((d) => d.requestId)).toEqual(['F-1', 'F-2']);
    const result = t.store.invoiceRequests.get('F-1')!.result!;
    expect(result).toMatchObject({
      status: 'stamped',
      erpFolio: 'WF000001',
      uuid: expect.stringMatching(/^[0-9A-F-]{36}$/),
      xml: expect.stringContaining('Comprobante'),
    });
    expect(Buffer.from(result.pdf!, 'base64').toString()).toContain('%PDF');
    // The inbox no longer keeps the XML once the store has it.
    expect(t.inbox.get(scope, 'F-1')).toMatchObject({ state: 'stamped', told: 'stamped', xml: null, pdfBase64: null });

    const second = await t.run();
    expect(second).toEqual({ created: 0, stamped: 0, rejected: 0, unstamped: 0, problem: null });
    expect(t.erp.writes).toBe(2);
    expect(t.stamper.calls).toEqual(['5001', '5002']);
    expect(t.store.invoiceRequests.get('F-1')!.results).toHaveLength(1);
  });

  it('with Timbrado automático off, tells the store it is pending, and sends the CFDI once a user stamps it in the ERP', async () => {
    const t = setup({ autoStamp: false });
    t.store.addInvoiceRequest(request('F-1'));
    expect(await t.run()).toMatchObject({ created: 1, stamped: 0, unstamped: 1 });
    expect(t.stamper.calls).toEqual([]);
    expect(t.store.invoiceRequests.get('F-1')!.result).toMatchObject({
      status: 'pending',
      erpFolio: 'WF000001',
      uuid: null,
      message: 'Queda pendiente de timbrar en CONTPAQi Comercial.',
    });
    expect(await t.run()).toMatchObject({ created: 0, stamped: 0, unstamped: 1 });
    expect(t.store.invoiceRequests.get('F-1')!.results).toHaveLength(1); // not told "pending" again

    t.erp.stampInErp('5001', 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE');
    expect(await t.run()).toMatchObject({ stamped: 1, unstamped: 0 });
    expect(t.store.invoiceRequests.get('F-1')!.result).toMatchObject({
      status: 'stamped',
      uuid: 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE',
    });
  });

  it('a PAC refusal leaves that invoice unstamped with the SAT message, the others go on, and it is not retried', async () => {
    const t = setup();
    for (const id of ['F-1', 'F-2', 'F-3']) t.store.addInvoiceRequest(request(id));
    const pac = 'El campo Nombre del receptor, debe encontrarse en la lista de RFC inscritos no cancelados en el SAT.';
    t.stamper.refuse.set('5002', pac);
    expect(await t.run()).toEqual({ created: 3, stamped: 2, rejected: 0, unstamped: 1, problem: null });
    const refused = t.store.invoiceRequests.get('F-2')!.result!;
    expect(refused.status).toBe('pending');
    expect(refused.message).toContain(pac);
    expect(refused.message).toContain('CFDI40145');
    expect(t.events.find((e) => e.requestId === 'F-2' && e.level === 'error')?.message).toContain(pac);
    expect(t.store.invoiceRequests.get('F-3')!.result!.status).toBe('stamped');

    await t.run();
    expect(t.stamper.calls.filter((c) => c === '5002')).toHaveLength(1);
    // Fixed and stamped by a user in CONTPAQi: the next run sends it.
    t.erp.stampInErp('5002', '11111111-2222-4333-8444-555555555555');
    expect(await t.run()).toMatchObject({ stamped: 1, unstamped: 0 });
  });

  it('never stamps twice: dying after the PAC stamped, the next run finds the stamp in the ERP', async () => {
    const t = setup();
    t.store.addInvoiceRequest(request('F-1'));
    t.stamper.dieAfterStamp.add('5001');
    const first = await t.run();
    expect(first).toMatchObject({ created: 1, stamped: 0, unstamped: 1 });
    expect(t.store.invoiceRequests.get('F-1')!.result).toMatchObject({
      status: 'pending',
      message: expect.stringContaining('no está disponible'),
    });
    const second = await t.run();
    expect(second).toMatchObject({ stamped: 1, unstamped: 0 });
    expect(t.stamper.calls).toEqual(['5001']);
    expect(t.store.invoiceRequests.get('F-1')!.result).toMatchObject({ status: 'stamped', uuid: expect.any(String) });
  });

  it('skips currencies the Start licence does not sync with an event, and rejects a bad request alone', async () => {
    const t = setup();
    t.store.addInvoiceRequest(request('F-GBP', { currency: 'GBP' }));
    t.store.addInvoiceRequest(request('F-BAD', { customerKey: 'NADIE' }));
    t.store.addInvoiceRequest(request('F-OK'));
    expect(await t.run()).toEqual({ created: 1, stamped: 1, rejected: 2, unstamped: 0, problem: null });
    expect(t.erp.documents.map((d) => d.requestId)).toEqual(['F-OK']);
    expect(t.store.invoiceRequests.get('F-GBP')!.result).toMatchObject({
      status: 'failed',
      message:
        'La licencia de CONTPAQi Comercial Start sincroniza solo documentos en MXN, EUR y USD; la solicitud está en GBP.',
    });
    expect(t.events.find((e) => e.requestId === 'F-GBP')).toMatchObject({ level: 'warning' });
    expect(t.store.invoiceRequests.get('F-BAD')!.result).toMatchObject({
      status: 'failed',
      message: 'El cliente «NADIE» no existe en CONTPAQi.',
    });
    expect(t.erp.writes).toBe(2); // GBP never reached the ERP
  });

  it('articles only in the store need the default Clave Prod/Serv and Clave Unidad', async () => {
    const without = setup();
    without.store.addInvoiceRequest(
      request('F-1', { lines: [{ articleKey: 'SOLO-TIENDA', quantity: 1, unitPrice: 10 }] }),
    );
    expect(await without.run()).toMatchObject({ rejected: 1, created: 0 });
    expect(without.store.invoiceRequests.get('F-1')!.result!.message).toContain('Clave Prod/Serv');

    const withKeys = setup({ claves: true });
    withKeys.store.addInvoiceRequest(
      request('F-1', { lines: [{ articleKey: 'SOLO-TIENDA', quantity: 1, unitPrice: 10 }] }),
    );
    expect(await withKeys.run()).toMatchObject({ created: 1, stamped: 1 });
    expect(withKeys.erp.documents[0]!.settings).toMatchObject({
      defaultClaveProdServ: '31162800',
      defaultClaveUnidad: 'H87',
    });
  });

  it('links the invoice to the ERP document of its store order', async () => {
    const t = setup();
    t.orderDocs.set('PED-9', '777');
    t.store.addInvoiceRequest(request('F-1', { orderId: 'PED-9' }));
    t.store.addInvoiceRequest(request('F-2', { orderId: 'PED-DESCONOCIDO' }));
    await t.run();
    expect(t.erp.documents.map((d) => d.settings.sourceDocumentId)).toEqual(['777', null]);
  });

  it('the store down after the ERP commit: the next run reports it, nothing written or stamped twice', async () => {
    const t = setup();
    t.store.addInvoiceRequest(request('F-1'));
    t.store.addInvoiceRequest(request('F-2'));
    t.store.failResults = 1;
    const first = await t.run();
    expect(first.problem).toContain('F-1');
    expect(first).toMatchObject({ created: 1, stamped: 0 });
    expect(t.store.invoiceRequests.get('F-2')!.result).toBeNull(); // the pass stopped
    const second = await t.run();
    expect(second).toMatchObject({ created: 1, stamped: 2, problem: null });
    expect(t.erp.writes).toBe(2);
    expect(t.stamper.calls).toEqual(['5001', '5002']);
  });

  it('an ERP crash after the commit is healed through the request id on the document', async () => {
    const t = setup();
    t.store.addInvoiceRequest(request('F-1'));
    t.erp.crashAfterCommit = 1;
    expect((await t.run()).problem).toContain('interrumpió');
    expect(t.inbox.get(scope, 'F-1')!.state).toBe('received');
    await t.run();
    expect(t.erp.documents).toHaveLength(1);
    expect(t.store.invoiceRequests.get('F-1')!.result!.status).toBe('stamped');
  });

  it('automatic stamping on but no stamper on this machine: pending with the reason, one warning per run that needs it', async () => {
    const t = setup();
    t.noStamper();
    t.store.addInvoiceRequest(request('F-1'));
    t.store.addInvoiceRequest(request('F-2'));
    expect(await t.run()).toMatchObject({ created: 2, unstamped: 2 });
    expect(t.store.invoiceRequests.get('F-1')!.result).toMatchObject({
      status: 'pending',
      message: 'El timbrado automático no está disponible en este equipo.',
    });
    expect(t.events.filter((e) => e.level === 'warning' && e.requestId === null)).toHaveLength(1);
    // The waiting invoices try again next run (the helper may have been installed): one warning, not one per invoice.
    t.events.length = 0;
    await t.run();
    expect(t.events.filter((e) => e.level === 'warning')).toHaveLength(1);
    // Nothing to stamp: no stamper is opened and nothing is said.
    const idle = setup();
    idle.noStamper();
    await idle.run();
    expect(idle.events).toEqual([]);
  });
});
