import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportAsText, type DiagnosticReport, type DiagnosticSection } from '../../shared/erp-diagnostics';
import type { ContpaqiConfig } from '../../shared/erp-connection';
import { ContpaqiConnector, type ContpaqiConnectorOptions } from '../../electron/erp/contpaqi/contpaqi-connector';
import { ReadOnlyRunner } from '../../electron/erp/contpaqi/diagnostics/read-only-runner';
import { tablesRead, tableWritten } from '../../electron/erp/contpaqi/diagnostics/sql-references';
import type { OrderToWrite } from '../../electron/erp/order-writer';
import { SqlFailure } from '../../electron/erp/contpaqi/sql-executor';
import { capabilitiesOf } from '../../electron/erp/capabilities';
import { loadStartProOrdersFixture } from '../helpers/contpaqi-orders-fixture';
import { DB_DATAREADER, DB_DATAWRITER, SqliteSqlExecutor } from '../helpers/sqlite-sql-executor';

const config: ContpaqiConfig = {
  kind: 'contpaqi',
  server: 'SERVIDOR\\COMPAC',
  database: 'ComercialSP',
  authentication: 'sql',
  user: 'sa',
  encrypt: true,
  trustServerCertificate: false,
};
const NOW = new Date('2024-06-15T17:00:00Z');
const ARTIFACTS = join(__dirname, '..', '.artifacts');

async function fixture(stamper: ContpaqiConnectorOptions['stamper'] = null) {
  const exec = new SqliteSqlExecutor('ComercialSP');
  await loadStartProOrdersFixture(exec);
  const connector = new ContpaqiConnector(config, 'x', { executorFor: () => exec.handle(), clock: () => NOW, stamper });
  return { exec, connector };
}

function section(r: DiagnosticReport, key: string): DiagnosticSection {
  const s = r.sections.find((x) => x.key === key);
  if (!s) throw new Error(`no section ${key}: ${r.sections.map((x) => x.key).join(', ')}`);
  return s;
}

function check(r: DiagnosticReport, key: string, subject: string) {
  const c = section(r, key).checks.find((x) => x.subject === subject);
  if (!c)
    throw new Error(
      `no check «${subject}» in ${key}: ${section(r, key)
        .checks.map((x) => x.subject)
        .join(' | ')}`,
    );
  return c;
}

const notOk = (s: DiagnosticSection) => s.checks.filter((c) => c.status !== 'correcto');

/** Every statement the diagnosis ran since `from` is one SELECT (the executor records denied ones too). */
function onlySelects(exec: SqliteSqlExecutor, from: number): void {
  const run = exec.statements.slice(from);
  expect(run.length).toBeGreaterThan(50);
  for (const sql of run) {
    expect(sql.trim()).toMatch(/^SELECT\b/i);
    expect(sql).not.toMatch(/;\s*\S|\bINTO\b/i);
  }
}

const SERIE_A = {
  status: 'advertencia',
  subject: 'Serie A (facturas)',
  message:
    'La serie «A» tiene documentos de Wopen y 6 facturas de Comercial en el módulo 21: no la configure para Wopen.',
};

describe('CONTPAQi Start/Pro Diagnóstico against the SQLite emulation', () => {
  it('with full rights: every write path, the series and every catalog are correcto, and only SELECTs run', async () => {
    const { exec, connector } = await fixture({ command: process.execPath, args: [], testMode: false });
    expect(capabilitiesOf(connector).diagnosis).toBe(connector);
    const from = exec.statements.length;
    const report = await connector.diagnose('1');
    onlySelects(exec, from);

    expect(report).toMatchObject({
      erp: 'contpaqi',
      at: NOW.toISOString(),
      server: 'Microsoft SQL Server 2019 Express Edition (15.0.4123.1, RTM)',
      edition: 'Express',
      database: 'ComercialSP en SERVIDOR\\COMPAC',
      companyId: '1',
      companyName: 'Comercializadora Ñandú, S.A. de C.V.',
    });
    expect(report.sections.map((s) => s.key)).toEqual([
      'conexion',
      'catalog:taxes',
      'catalog:currencies',
      'catalog:warehouses',
      'catalog:price-lists',
      'catalog:payment-terms',
      'catalog:customers',
      'catalog:customer-balances',
      'catalog:article-lines',
      'catalog:articles',
      'catalog:stock',
      'catalog:article-prices',
      'catalog:discounts',
      'catalog:invoices',
      'write:orders',
      'write:quotes',
      'write:invoices',
      'write:stamping',
      'series',
    ]);
    // The fixture's invoice 2 carries a Wopen marker in Comercial's series A: the one thing to look at.
    for (const s of report.sections)
      expect(notOk(s), `${s.key}: ${JSON.stringify(notOk(s))}`).toEqual(s.key === 'series' ? [SERIE_A] : []);
    expect(report.summary).toEqual({
      correcto: report.sections.reduce((n, s) => n + s.checks.length, 0) - 1,
      falta: 0,
      advertencia: 1,
    });

    expect(check(report, 'conexion', 'Usuario').message).toBe(
      'Inicio de sesión «sa», usuario de la base «dbo» (roles: sysadmin, db_owner).',
    );
    expect(check(report, 'write:orders', 'Tabla dbo.docDocument').message).toMatch(
      /^Existe, con las columnas que usa el conector al escribir \(ModuleID, DocumentTypeID, .*Title.*\)\.$/,
    );
    expect(check(report, 'write:orders', 'Permiso INSERT en dbo.docDocument').message).toBe(
      'El usuario «dbo» puede insertar filas en ella.',
    );
    expect(check(report, 'write:invoices', 'Permiso INSERT en dbo.orgProduct').status).toBe('correcto');
    expect(check(report, 'series', 'Reserva de folios').message).toBe(
      'Se reserva con un candado de aplicación (sp_getapplock, permitido al rol public) dentro de la transacción: no necesita crear tablas.',
    );
    expect(check(report, 'series', 'Serie WP (pedidos)').message).toBe(
      'Serie propia de Wopen en el módulo 967, aún sin folios.',
    );
    expect(check(report, 'series', 'Series de Comercial (pedidos)').message).toMatch(
      /^Comercial numera pedidos de esta empresa en «\(sin serie\)» \(\d+\)/,
    );
    expect(check(report, 'catalog:stock', 'Vista dbo.vwLBSProductQuantityList').message).toBe(
      'Existe, con las columnas que usa el catálogo (ProductID, DepotID, QtyPresent, QtyToDeliverToCustomer, OwnedBusinessEntityID).',
    );
    expect(check(report, 'catalog:stock', 'Consulta del catálogo').status).toBe('correcto');
    // Nothing was written: no folio table, no document.
    expect(exec.db.prepare(`SELECT COUNT(*) AS n FROM dbo.sqlite_master WHERE name = 'zzWopenFolio'`).get()).toEqual({
      n: 0,
    });
  });

  it('as db_datareader: the report is produced, INSERT says falta with the GRANT to ask for, the folio reservation needs no DDL, nothing that writes was attempted', async () => {
    const { exec, connector } = await fixture();
    exec.login = DB_DATAREADER;
    // The emulated login really is read-only: SQL Server's 229 and 262.
    await expect(exec.query('INSERT INTO dbo.docDocumentExt (IDExtra) VALUES (99)')).rejects.toMatchObject({
      serverNumbers: [229],
      message: "The INSERT permission was denied on the object 'docDocumentExt', database 'ComercialSP', schema 'dbo'.",
    });
    await expect(exec.query('CREATE TABLE dbo.zzWopenFolio (x INT)')).rejects.toMatchObject({
      serverNumbers: [262],
      message: "CREATE TABLE permission denied in database 'ComercialSP'.",
    });

    const from = exec.statements.length;
    const report = await connector.diagnose('1');
    onlySelects(exec, from);

    expect(check(report, 'conexion', 'Usuario').message).toBe(
      'Inicio de sesión «wopen_lectura», usuario de la base «wopen_lectura» (roles: db_datareader).',
    );
    expect(check(report, 'write:orders', 'Permiso INSERT en dbo.docDocument')).toEqual({
      status: 'falta',
      subject: 'Permiso INSERT en dbo.docDocument',
      message:
        'El usuario «wopen_lectura» no puede insertar filas en ella y los pedidos no se pueden registrar: pida GRANT INSERT ON dbo.docDocument TO [wopen_lectura] (o el rol db_datawriter).',
    });
    expect(check(report, 'write:invoices', 'Permiso INSERT en dbo.docDocumentCFD').status).toBe('falta');
    expect(check(report, 'write:invoices', 'Permiso INSERT en dbo.orgProduct').message).toContain(
      'las facturas con artículos que solo existen en la tienda no se pueden registrar: pida GRANT INSERT ON dbo.orgProduct TO [wopen_lectura]',
    );
    expect(check(report, 'write:quotes', 'Tablas y permisos')).toMatchObject({ status: 'falta' });
    expect(check(report, 'series', 'Reserva de folios').status).toBe('correcto');
    expect(check(report, 'write:stamping', 'Permiso UPDATE en dbo.docDocumentCFD').status).toBe('advertencia');
    // Reading is allowed: catalogs are fine, and SELECT on the write tables too.
    for (const s of report.sections.filter((x) => x.key.startsWith('catalog:'))) expect(notOk(s), s.key).toEqual([]);
    expect(check(report, 'write:orders', 'Permiso SELECT en dbo.docDocument').status).toBe('correcto');
    expect(report.summary.falta).toBe(
      report.sections.flatMap((s) => s.checks).filter((c) => c.status === 'falta').length,
    );
    expect(report.summary.falta).toBeGreaterThan(5);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'doctor-contpaqi-datareader.json'), `${JSON.stringify(report, null, 2)}\n`);
  });

  it('with db_datareader + db_datawriter and no DDL: every write path is correcto; a legacy folio table is read', async () => {
    const { exec, connector } = await fixture();
    exec.login = DB_DATAWRITER;
    let report = await connector.diagnose('1');
    for (const key of ['write:orders', 'write:quotes', 'write:invoices'])
      expect(notOk(section(report, key)), key).toEqual([]);
    expect(notOk(section(report, 'series'))).toEqual([SERIE_A]);

    exec.login = { login: 'sa', user: 'dbo', roles: ['sysadmin'] };
    await exec.query(`CREATE TABLE dbo.zzWopenFolio (OwnedBusinessEntityID BIGINT NOT NULL, ModuleID INT NOT NULL, Prefix NVARCHAR(20) NOT NULL,
      LastFolio BIGINT NOT NULL, UpdatedOn DATETIME NULL, PRIMARY KEY (OwnedBusinessEntityID, ModuleID, Prefix))`);
    await exec.query(`INSERT INTO dbo.zzWopenFolio VALUES (1, 967, 'PW', 41, NULL)`);
    exec.login = DB_DATAWRITER;
    report = await connector.diagnose('1');
    expect(notOk(section(report, 'series'))).toEqual([SERIE_A]);
    expect(check(report, 'series', 'Reserva de folios').message).toBe(
      'Se reserva con un candado de aplicación (sp_getapplock) sin crear tablas; la tabla dbo.zzWopenFolio de versiones anteriores se lee para no repetir sus folios.',
    );
  });

  it('without orgCustomer.OwnedBusinessEntityID: one advertencia, and the customer catalogs and writers are still usable', async () => {
    const { exec, connector } = await fixture();
    const rows = exec.db
      .prepare(
        'SELECT CustomerID, BusinessEntityID, PaymentTermID, Discount, CreditLimit, CurrencyID, DeletedOn FROM dbo.orgCustomer',
      )
      .all();
    await exec.query('DROP TABLE dbo.orgCustomer');
    await exec.query(`CREATE TABLE dbo.orgCustomer (CustomerID BIGINT NOT NULL PRIMARY KEY, BusinessEntityID BIGINT NOT NULL, PaymentTermID INT NULL,
      Discount FLOAT NULL, CreditLimit FLOAT NULL, CurrencyID INT NULL, DeletedOn DATETIME NULL)`);
    for (const r of rows) {
      await exec.query(
        'INSERT INTO dbo.orgCustomer VALUES (@CustomerID, @BusinessEntityID, @PaymentTermID, @Discount, @CreditLimit, @CurrencyID, @DeletedOn)',
        r as never,
      );
    }
    const report = await connector.diagnose('1');
    expect(check(report, 'conexion', 'Columna dbo.orgCustomer.OwnedBusinessEntityID')).toEqual({
      status: 'advertencia',
      subject: 'Columna dbo.orgCustomer.OwnedBusinessEntityID',
      message:
        'No existe en esta base: el conector funciona y toma como clientes de la empresa a todos los clientes vigentes de la base; confirme en Comercial que los clientes no se separan por empresa.',
    });
    expect(report.summary).toMatchObject({ falta: 0, advertencia: 3 }); // this one, the stamping helper not configured, series A
    for (const key of [
      'catalog:customers',
      'catalog:customer-balances',
      'catalog:discounts',
      'catalog:invoices',
      'write:orders',
      'write:invoices',
    ]) {
      expect(notOk(section(report, key)), key).toEqual([]);
    }
    expect(check(report, 'catalog:customers', 'Tabla dbo.orgCustomer').message).not.toContain('OwnedBusinessEntityID');
  });

  it('finds factory modules whose ModuleIDBase is 0 or NULL, never the clone', async () => {
    const { exec, connector } = await fixture();
    let report = await connector.diagnose('1');
    expect(check(report, 'write:orders', 'Módulo de pedidos de cliente').message).toBe(
      'Se usa el módulo 967 «Pedidos» (engModuleParameter DocumentTypeID 40, DocRecipient 1, ModuleIDBase 0).',
    );
    expect(check(report, 'write:quotes', 'Módulo de cotizaciones de cliente').message).toContain(
      'módulo 9001 «Cotizaciones»',
    );
    expect(check(report, 'write:invoices', 'Módulo de facturas de cliente').message).toBe(
      'Se usa el módulo 21 «Facturas» (engModuleParameter DocumentTypeID 5, DocRecipient 1, ModuleIDBase NULL).',
    );
    await exec.query('UPDATE dbo.engModule SET ModuleIDBase = NULL WHERE ModuleID = 967');
    await exec.query('UPDATE dbo.engModule SET ModuleIDBase = 0 WHERE ModuleID = 21');
    report = await connector.diagnose('1');
    expect(check(report, 'write:orders', 'Módulo de pedidos de cliente')).toMatchObject({
      status: 'correcto',
      message: expect.stringContaining('módulo 967 «Pedidos»'),
    });
    expect(check(report, 'write:invoices', 'Módulo de facturas de cliente')).toMatchObject({
      status: 'correcto',
      message: expect.stringContaining('ModuleIDBase 0'),
    });

    await exec.query('UPDATE dbo.engModule SET DeletedOn = @d WHERE ModuleID = 967', { d: '2024-01-01T00:00:00' });
    report = await connector.diagnose('1');
    // Only the clone 1400 (base 967) is left: not a factory module, so none is found.
    expect(check(report, 'write:orders', 'Módulo de pedidos de cliente')).toMatchObject({
      status: 'falta',
      message: expect.stringContaining(
        'No hay un módulo de fábrica vigente con engModuleParameter DocumentTypeID 40, DocRecipient 1',
      ),
    });
  });

  it('a catalog whose table or column this database lacks says «Este ERP no tiene este catálogo», as the sync does', async () => {
    const { exec, connector } = await fixture();
    await exec.query('DROP TABLE dbo.orgPriceList');
    await exec.query('ALTER TABLE dbo.vwLBSProductQuantityList DROP COLUMN QtyToDeliverToCustomer');
    const report = await connector.diagnose('1');
    const engineWords = 'Este ERP no tiene este catálogo: falta dbo.orgPriceList.'; // electron/engine/company-run.ts
    for (const key of ['catalog:price-lists', 'catalog:article-prices']) {
      expect(check(report, key, 'Tabla dbo.orgPriceList')).toEqual({
        status: 'falta',
        subject: 'Tabla dbo.orgPriceList',
        message: `${engineWords} La sincronización lo omite; si Comercial sí lo tiene, envíe este informe a soporte.`,
      });
      expect(section(report, key).checks.some((c) => c.subject === 'Consulta del catálogo')).toBe(false);
    }
    expect(check(report, 'catalog:stock', 'Vista dbo.vwLBSProductQuantityList').message).toMatch(
      /^Este ERP no tiene este catálogo: falta la columna dbo\.vwLBSProductQuantityList\.QtyToDeliverToCustomer\. /,
    );
    expect(notOk(section(report, 'catalog:articles'))).toEqual([]);
  });

  it('names a NOT NULL column without default that the writer does not fill; one with a default is fine', async () => {
    const { exec, connector } = await fixture();
    await exec.query('DROP TABLE dbo.docDocumentExtra');
    await exec.query(`CREATE TABLE dbo.docDocumentExtra (DocumentID BIGINT PRIMARY KEY, BranchOfficeID INT NOT NULL,
      Channel INT NOT NULL DEFAULT 0, AddressDetailID BIGINT NULL)`);
    const report = await connector.diagnose('1');
    expect(check(report, 'write:orders', 'Columna dbo.docDocumentExtra.BranchOfficeID (NOT NULL)')).toEqual({
      status: 'falta',
      subject: 'Columna dbo.docDocumentExtra.BranchOfficeID (NOT NULL)',
      message:
        'No admite NULL ni tiene valor predeterminado y el conector no la llena, así que los pedidos no se pueden registrar: envíe este informe a soporte para que el conector la llene.',
    });
    expect(notOk(section(report, 'write:orders')).map((c) => c.subject)).toEqual([
      'Columna dbo.docDocumentExtra.BranchOfficeID (NOT NULL)',
    ]);
    expect(check(report, 'write:invoices', 'Columna dbo.docDocumentExtra.BranchOfficeID (NOT NULL)').message).toContain(
      'las facturas no se pueden registrar',
    );
  });

  it('without a company chosen, with several companies, the company checks are skipped with an advertencia', async () => {
    const { connector } = await fixture();
    const report = await connector.diagnose(null);
    expect(check(report, 'conexion', 'Empresa').status).toBe('advertencia');
    expect(check(report, 'series', 'Series de la empresa').message).toBe(
      'No se eligió empresa: elija una para revisar sus series y folios.',
    );
    expect(report.companyId).toBeNull();
    const unknown = await connector.diagnose('999');
    expect(check(unknown, 'conexion', 'Empresa').status).toBe('falta');
  });

  it('says how the connection is protected: verified TLS, TLS with a trusted certificate, or in clear', async () => {
    const { exec } = await fixture();
    const report = (c: Partial<ContpaqiConfig>) =>
      new ContpaqiConnector({ ...config, ...c }, 'x', {
        executorFor: () => exec.handle(),
        clock: () => NOW,
        stamper: null,
      })
        .diagnose('1')
        .then((r) => check(r, 'conexion', 'Cifrado'));
    expect(await report({})).toMatchObject({ status: 'correcto', message: expect.stringMatching(/verificó/) });
    expect(await report({ trustServerCertificate: true })).toMatchObject({
      status: 'advertencia',
      message: expect.stringMatching(/sin verificarlo/),
    });
    expect(await report({ encrypt: false })).toMatchObject({
      status: 'advertencia',
      message: expect.stringMatching(/viajan en claro/),
    });
  });

  it('a database that is not Start/Pro, and a login that fails, still give a report', async () => {
    const other = new SqliteSqlExecutor('Contabilidad');
    await other.query('CREATE TABLE dbo.orgDepot (DepotID BIGINT NOT NULL PRIMARY KEY)');
    const notStartPro = await new ContpaqiConnector({ ...config, database: 'Contabilidad' }, 'x', {
      executorFor: () => other.handle(),
      stamper: null,
    }).diagnose(null);
    expect(notStartPro.sections.map((s) => s.key)).toEqual(['conexion']);
    expect(check(notStartPro, 'conexion', 'Tablas de Start/Pro')).toMatchObject({
      status: 'falta',
      message: expect.stringContaining(
        'no parece de CONTPAQi Comercial Start/Pro. Faltan las tablas docDocument, orgBusinessEntity.',
      ),
    });

    let closed = 0;
    const refused = {
      query: () => Promise.reject(new SqlFailure("Login failed for user 'sa'.", 'connect', 'ELOGIN', [18456])),
      transaction: () => Promise.reject(new Error('not used')),
      close: async () => void closed++,
    };
    const failed = await new ContpaqiConnector(config, 'x', {
      executorFor: () => refused,
      stamper: null,
      clock: () => NOW,
    }).diagnose('1');
    expect(failed).toMatchObject({
      server: 'SERVIDOR\\COMPAC',
      edition: null,
      summary: { correcto: 0, falta: 1, advertencia: 0 },
    });
    expect(failed.sections[0]!.checks[0]!.message).toMatch(
      /^SQL Server rechazó el inicio de sesión de «sa»\. Revise el usuario/,
    );
    expect(closed).toBe(1);
  });

  it('its faltas are what the writer then hits: no INSERT → 229 and nothing is written; with db_datawriter and no DDL the order lands', async () => {
    const { exec, connector } = await fixture();
    const order: OrderToWrite = {
      id: 'D-1',
      ref: 'WOPEN-D-1',
      kind: 'pedido',
      paymentStatus: 'paid',
      createdAt: '2024-06-15T10:00:00',
      customerKey: '2',
      currency: 'MXN',
      lines: [{ articleKey: '1601', quantity: 1, unitPrice: 100 }],
    } as OrderToWrite;
    const settings = {
      seriesPedidos: null,
      seriesCotizaciones: null,
      freightArticleId: null,
      warehouseId: null,
      requireRfc: false,
    };
    const documents = () => (exec.db.prepare('SELECT COUNT(*) AS n FROM dbo.docDocument').get() as { n: number }).n;
    const before = documents();

    exec.login = DB_DATAREADER;
    const report = await connector.diagnose('1');
    expect(check(report, 'write:orders', 'Permiso INSERT en dbo.docDocument').status).toBe('falta');
    let writer = await connector.openOrders('1');
    await expect(writer.writeOrder(order, settings)).rejects.toMatchObject({
      causeText: expect.stringMatching(/^The INSERT permission was denied on the object 'docDocument/),
    });
    await writer.close();
    expect(documents()).toBe(before);

    // With the rights the diagnosis asked for (db_datawriter, still no DDL), the same order lands.
    exec.login = DB_DATAWRITER;
    const granted = await connector.diagnose('1');
    for (const s of granted.sections)
      expect(
        notOk(s).filter((c) => c.status === 'falta'),
        s.key,
      ).toEqual([]);
    writer = await connector.openOrders('1');
    await expect(writer.writeOrder(order, settings)).resolves.toMatchObject({ folio: 'WP1' });
    expect(documents()).toBe(before + 1);
    expect(exec.db.prepare(`SELECT COUNT(*) AS n FROM dbo.sqlite_master WHERE name = 'zzWopenFolio'`).get()).toEqual({
      n: 0,
    });
  });

  it('reads what a statement relies on from its text: aliases, an alias used for two tables, INSERT and UPDATE columns', () => {
    const read =
      tablesRead(`SELECT p.ProductID, t.Name, x.Y FROM dbo.orgProduct p JOIN dbo.engTaxType t ON t.TaxTypeID = p.TaxTypeID
      JOIN dbo.orgDepot x ON 1 = 1 JOIN dbo.docDocument x ON x.A = 0.16 WHERE p.DeletedOn IS NULL AND COL_LENGTH('dbo.orgCustomer', 'C') > 0`);
    expect(Object.fromEntries([...read].map(([t, c]) => [t, [...c]]))).toEqual({
      orgProduct: ['ProductID', 'TaxTypeID', 'DeletedOn'],
      engTaxType: ['Name', 'TaxTypeID'],
      orgDepot: [], // alias x names two tables: its columns are not attributed
      docDocument: [],
      orgCustomer: [],
    });
    expect(tableWritten('\nINSERT INTO dbo.docDocumentTax (DocumentID, IVA_T) VALUES (@doc, @iva)')).toEqual({
      table: 'docDocumentTax',
      kind: 'INSERT',
      columns: ['DocumentID', 'IVA_T'],
    });
    expect(
      tableWritten('UPDATE dbo.zzWopenFolio SET LastFolio = LastFolio + 1, UpdatedOn = @now\nWHERE Prefix = @prefix'),
    ).toEqual({
      table: 'zzWopenFolio',
      kind: 'UPDATE',
      columns: ['LastFolio', 'UpdatedOn'],
    });
    expect(tableWritten('SELECT 1 AS a')).toBeNull();
  });

  it('the read-only guard refuses anything but one SELECT before it reaches the server', async () => {
    const exec = new SqliteSqlExecutor();
    const runner = new ReadOnlyRunner(exec);
    for (const sql of [
      'INSERT INTO dbo.x (a) VALUES (1)',
      'SELECT 1 AS a; DELETE FROM dbo.x',
      'SELECT * INTO dbo.copy FROM dbo.x',
      '  -- c\nUPDATE dbo.x SET a = 1',
    ]) {
      await expect(runner.query(sql)).rejects.toThrow(/^El diagnóstico solo ejecuta consultas SELECT/);
    }
    expect(exec.statements).toEqual([]);
    await expect(runner.query('\n  SELECT 1 AS a')).resolves.toEqual([{ a: 1 }]);
  });

  it('stores the fixture report (JSON and text) for the closing note', async () => {
    const { connector } = await fixture();
    const report = await connector.diagnose('1');
    const text = reportAsText(report);
    expect(text).toContain('== Pedidos (escritura) ==');
    expect(text).toContain(
      '[advertencia] Programa de timbrado (WopenTimbrado.exe): Este equipo no tiene configurado WOPEN_STAMPER_HELPER',
    );
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'doctor-contpaqi.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(ARTIFACTS, 'doctor-contpaqi.txt'), text);
  });
});
