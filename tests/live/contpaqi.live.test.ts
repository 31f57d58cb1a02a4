import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erpMarker } from '../../electron/erp/document-marker';
import { ContpaqiConnector } from '../../electron/erp/contpaqi/contpaqi-connector';
import { loadStartProFixture } from '../helpers/contpaqi-fixture';
import { loadStartProOrdersFixture } from '../helpers/contpaqi-orders-fixture';
import { expectStartProContract } from '../helpers/contpaqi-contract';
import { liveMssql, scratchName } from '../helpers/live-mssql';

/** Runs the Start/Pro contract against a real SQL Server. Collected only by vitest.live.config.ts (npm run test:live). */
const live = liveMssql();
const scratch = scratchName('WopenFixture');
/** A second scratch database with the document tables (IDENTITY keys) for the invoice writer. */
const scratchDocs = `${scratch}_Docs`;

describe(`CONTPAQi Start/Pro adapter on a real SQL Server (${live.server}, scratch ${scratch})`, () => {
  const connectors: ContpaqiConnector[] = [];
  const connector = (database: string, password = live.password) => {
    const c = new ContpaqiConnector(live.configFor(database), password);
    connectors.push(c);
    return c;
  };

  beforeAll(async () => {
    await live.createScratch(scratch);
    const fixture = live.executorFor(scratch);
    try {
      await loadStartProFixture(fixture);
    } finally {
      await fixture.close();
    }
  });

  afterAll(async () => {
    for (const c of connectors) await c.close();
    await live.dropAll();
  });

  it('passes the same contract as the SQLite fixture (real NVARCHAR, BIT, BIGINT)', async () => {
    await expectStartProContract(connector(scratch), scratch);
  });

  it('discovers the scratch database with the BROS probe and skips master', async () => {
    const found = await connector(scratch).discoverDatabases();
    expect(found).toContain(scratch);
    expect(found).not.toContain('master');
  });

  it('explains a database that is not Start/Pro', async () => {
    const result = await connector('master').testConnection();
    expect(result.ok).toBe(false);
    expect(result.message).toContain('no parece de CONTPAQi Comercial Start/Pro');
  });

  it('explains a database that does not exist (error 4060 captured at login)', async () => {
    const result = await connector(`${scratch}_no_existe`).testConnection();
    expect(result.ok).toBe(false);
    expect(result.message).toContain('no existe en el servidor');
  });

  it('explains a wrong password without echoing it', async () => {
    const wrong = `${live.password}-incorrecta`;
    const result = await connector(scratch, wrong).testConnection();
    expect(result.ok).toBe(false);
    expect(result.message).toContain('rechazó el inicio de sesión');
    expect(JSON.stringify(result)).not.toContain(wrong);
  });

  it('writes a Factura de cliente with a store-only article in one transaction, finds it again, and reads its stamp', async () => {
    await live.createScratch(scratchDocs);
    const fixture = live.executorFor(scratchDocs);
    try {
      await loadStartProOrdersFixture(fixture, 'tsql');
    } finally {
      await fixture.close();
    }
    const c = connector(scratchDocs);
    const writer = await c.openInvoices('1');
    try {
      const id = `LIVE-${Date.now()}`;
      const request = {
        id,
        ref: erpMarker('invoice', 'https://live.wopen.com.mx#live', id),
        orderId: null,
        customerKey: '2',
        rfc: 'ÑUNJ800101AB3',
        usoCfdi: 'G03',
        currency: 'MXN',
        lines: [
          { articleKey: '1', quantity: 4, unitPrice: 12.5, discountPercent: 10 },
          { articleKey: 'TIENDA-ÑU-01', description: 'Taza “Mérida” edición €', quantity: 2, unitPrice: 150 },
        ],
      };
      const settings = {
        series: null,
        defaultClaveProdServ: '01010101',
        defaultClaveUnidad: 'H87',
        sourceDocumentId: null,
      };
      const inv = await writer.writeInvoice(request, settings);
      expect(inv.folio).toBe('WF1');
      expect(await writer.findInvoice(request.ref)).toEqual(inv);
      expect(await writer.writeInvoice(request, settings)).toEqual(inv);
      expect(await writer.stampOf(inv.documentId)).toBeNull();

      const check = live.executorFor(scratchDocs);
      try {
        const [doc] = await check.query<Record<string, unknown>>(
          `SELECT d.ModuleID AS moduleId, d.Title AS title, d.Total AS total, f.ReceptorUsoCFDI AS uso, f.RFC AS rfc, f.CFDStatusID AS status,
                  (SELECT COUNT(*) FROM dbo.docDocumentItem i WHERE i.DocumentID = d.DocumentID) AS items,
                  (SELECT COUNT(*) FROM dbo.orgProduct p WHERE p.ProductKey = @key AND p.ClaveProdServ = '01010101') AS created
           FROM dbo.docDocument d JOIN dbo.docDocumentCFD f ON f.DocumentID = d.DocumentID WHERE d.DocumentID = @doc`,
          { doc: Number(inv.documentId), key: 'TIENDA-ÑU-01' },
        );
        expect(doc).toMatchObject({
          moduleId: 21,
          title: `WOPEN-F-${request.id}`,
          total: 400.2,
          uso: 'G03',
          rfc: 'ÑUNJ800101AB3',
          status: 0,
          items: 2,
          created: 1,
        });
        await check.query(
          `UPDATE dbo.docDocumentCFD SET CFDStatusID = 3, CFDIFolioFiscal = @uuid WHERE DocumentID = @doc`,
          {
            uuid: '6F2A1C3E-7B4D-4E5F-9A8B-1C2D3E4F5A6B',
            doc: Number(inv.documentId),
          },
        );
      } finally {
        await check.close();
      }
      expect(await writer.stampOf(inv.documentId)).toEqual({ uuid: '6F2A1C3E-7B4D-4E5F-9A8B-1C2D3E4F5A6B', xml: null });
      const source = await c.openCatalogs('1');
      try {
        const keys: string[] = [];
        for await (const batch of source.read('invoices', { batchSize: 100 })) keys.push(...batch.map((r) => r.key));
        expect(keys).toEqual(['2', '3', '5', inv.documentId]);
      } finally {
        await source.close();
      }
    } finally {
      await writer.close();
    }
  });
});
