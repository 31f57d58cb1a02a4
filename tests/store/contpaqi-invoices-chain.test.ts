import fs from 'node:fs';
import { erpMarker } from '../../electron/erp/document-marker';
import { storeKeyOf } from '../../electron/engine/store-identity';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContpaqiConfig } from '../../shared/erp-connection';
import { ContpaqiConnector } from '../../electron/erp/contpaqi/contpaqi-connector';
import { readCfdi } from '../../electron/erp/cfdi/read-cfdi';
import { openSettingsDatabase } from '../../electron/settings/database';
import { InvoiceInboxRepo } from '../../electron/engine/phases/invoices/invoice-inbox-repo';
import { ImportLock } from '../../electron/engine/phases/inbox/import-lock';
import { runInvoicesPass } from '../../electron/engine/phases/invoices/invoices-pass';
import type { InvoiceEvent } from '../../electron/engine/phases/invoices/invoice-import';
import { WopenClient } from '../../electron/store/wopen/wopen-client';
import { SqliteSqlExecutor } from '../helpers/sqlite-sql-executor';
import { loadStartProOrdersFixture } from '../helpers/contpaqi-orders-fixture';
import { tempDir } from '../helpers/temp-dir';
import { PASSWORD, USER, control, sandbox } from './sandbox-fixture';

/**
 * Issue 7 through every real part that can exist here: the Start/Pro connector (invoice writer on the SQLite
 * emulation of Comercial's schema), its helper-process stamper speaking the protocol to the double
 * (tests/helpers/stamper-double.mjs, a real child process), the engine's invoice pass, and the sandbox store
 * over HTTP.
 */
const config: ContpaqiConfig = {
  kind: 'contpaqi',
  server: 'SERVIDOR\\COMPAC',
  database: 'ComercialSP',
  authentication: 'sql',
  user: 'sa',
  encrypt: false,
  trustServerCertificate: true,
};
const DOUBLE = path.resolve(__dirname, '../helpers/stamper-double.mjs');
const SAMPLE = path.resolve(__dirname, '../fixtures/cfdi/cfdi40-timbrado.xml');

interface SandboxRequest {
  id: string;
  status: string;
  result: {
    status: string;
    erpFolio: string | null;
    uuid: string | null;
    xml: string | null;
    message: string | null;
  } | null;
}

describe('Start/Pro invoice requests → Factura → timbrado by the helper → CFDI in the store', () => {
  it('stamps through the helper process, keeps a PAC refusal unstamped with its message, and answers every request', async () => {
    const sb = await sandbox();
    const line = (articleKey: string) => ({
      articleKey,
      quantity: 1,
      unitPrice: 100,
      description: 'Producto “solo en la tienda” Ñ',
    });
    await control(sb, '/invoice-requests', {
      id: 'sol-1',
      customerKey: '2',
      rfc: 'ÑUNJ800101AB3',
      usoCfdi: 'G03',
      lines: [line('1')],
    });
    await control(sb, '/invoice-requests', {
      id: 'sol-2',
      customerKey: '2',
      rfc: 'ÑUNJ800101AB3',
      usoCfdi: 'G03',
      lines: [line('SOLO-WEB-1')],
    });
    await control(sb, '/invoice-requests', {
      id: 'sol-usd',
      customerKey: '2',
      rfc: 'ÑUNJ800101AB3',
      usoCfdi: 'G03',
      currency: 'JPY',
      lines: [line('1')],
    });

    const exec = new SqliteSqlExecutor();
    await loadStartProOrdersFixture(exec);
    // The double stamps the first invoice the writer creates and refuses the second, as a PAC would.
    const dir = tempDir();
    const script = path.join(dir, 'script.json');
    const nextIds = () => {
      const max = Number(
        (exec.db.prepare('SELECT COALESCE(MAX(DocumentID), 0) AS n FROM dbo.docDocument').get() as { n: number }).n,
      );
      return [String(max + 1), String(max + 2)];
    };
    const [first, second] = nextIds();
    fs.writeFileSync(
      script,
      JSON.stringify({
        sampleXml: SAMPLE,
        outDir: dir,
        documents: {
          [first!]: { outcome: 'stamp', delivery: 'path', pdf: true },
          [second!]: {
            outcome: 'error',
            kind: 'pac',
            code: 'CFDI40147',
            message: 'El campo RegimenFiscalReceptor no corresponde con el RFC del receptor.',
          },
        },
      }),
    );
    const diagnostics: string[] = [];
    const connector = new ContpaqiConnector(config, 'clave-sql', {
      executorFor: () => exec.handle(),
      stamper: {
        command: process.execPath,
        args: [DOUBLE, script],
        testMode: true,
        onDiagnostic: (l) => diagnostics.push(l),
      },
    });
    const db = openSettingsDatabase(':memory:');
    const inbox = new InvoiceInboxRepo(db);
    const events: InvoiceEvent[] = [];
    const store = new WopenClient(
      { url: sb.url, user: USER, password: PASSWORD },
      { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } },
    );
    const storeKey = storeKeyOf(await store.identify());
    const pass = () =>
      runInvoicesPass({
        scope: { connectionId: 1, companyId: '1', storeKey },
        erp: connector,
        store,
        inbox,
        lock: new ImportLock(db),
        settings: { autoStamp: true, claveProdServ: '43211500', claveUnidad: 'H87' },
        orderDocumentOf: () => null,
        onEvent: (e) => events.push(e),
      });

    const report = await pass();
    expect(report).toMatchObject({ state: 'success', created: 2, stamped: 1, unstamped: 1, rejected: 1 });
    const byId = Object.fromEntries(
      (await control<{ requests: SandboxRequest[] }>(sb, '/invoice-requests')).requests.map((r) => [r.id, r]),
    );
    const stamped = byId['sol-1']!.result!;
    expect(stamped).toMatchObject({ status: 'stamped', erpFolio: 'WF1' });
    // The UUID sent is the one inside the CFDI, read with the CFDI library.
    expect(readCfdi(stamped.xml!).uuid).toBe(stamped.uuid);
    expect(byId['sol-2']!.result).toMatchObject({
      status: 'pending',
      erpFolio: 'WF2',
      message: expect.stringContaining('RegimenFiscalReceptor'),
    });
    expect(byId['sol-usd']!.result).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('MXN, EUR y USD'),
    });
    expect(events.find((e) => e.level === 'error' && e.requestId === 'sol-2')?.message).toContain('(CFDI40147)');
    // The store-only article was created in Comercial with the company's default SAT keys.
    expect(
      exec.db.prepare("SELECT ClaveProdServ, ClaveUnidad FROM dbo.orgProduct WHERE ProductKey = 'SOLO-WEB-1'").get(),
    ).toEqual({ ClaveProdServ: '43211500', ClaveUnidad: 'H87' });
    // The helper got the SQL credentials only inside `open` (stdin), never in argv or its environment.
    const log = fs.readFileSync(path.join(dir, 'double-log.jsonl'), 'utf8');
    expect(log).not.toContain('clave-sql');
    expect(log).toContain('"testMode":true');

    const again = await pass();
    expect(again).toMatchObject({ created: 0, stamped: 0, rejected: 0, unstamped: 1 });
    const titles = ['sol-1', 'sol-2', 'sol-usd'].map((id) => erpMarker('invoice', storeKey, id));
    expect(
      Number(
        (
          exec.db.prepare('SELECT COUNT(*) AS n FROM dbo.docDocument WHERE Title IN (?, ?, ?)').get(...titles) as {
            n: number;
          }
        ).n,
      ),
    ).toBe(2);
  }, 60_000);
});
