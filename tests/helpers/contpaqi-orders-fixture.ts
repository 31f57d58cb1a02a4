import type { SqlExecutor, SqlValue } from '../../electron/erp/contpaqi/sql-executor';
import { FIXTURE_ROWS, loadStartProFixture } from './contpaqi-fixture';
import type { SqliteSqlExecutor } from './sqlite-sql-executor';

/**
 * The Start/Pro document tables the order writer touches, from the candidate DDL (reference §5), for the SQLite
 * emulation only. What differs from SQL Server, and why:
 * - IDENTITY(1,1) keys are `INTEGER PRIMARY KEY` (SQLite's rowid alias assigns the next id the same way);
 * - NVARCHAR(MAX) is NTEXT (SQLite cannot parse MAX; the executor's COL_LENGTH answers -1 for it, as SQL Server does);
 * - no GETDATE() defaults (the writer passes every date).
 * docDocument and docDocumentPaymentAgenda replace the catalog fixture's cut-down tables, keeping their rows.
 * The native columns the native program always fills (real-installations.md §2.3–2.5: the five dates of
 * NuevoDocumento, the nine docDocumentTax columns, docDocumentTaxDetail, docDocumentTaxSum) are NOT NULL without
 * default here — the strict reading, since their real nullability is unknown [—] — so a writer that forgets one
 * fails. TotalLetter stays nullable (NuevoDocumento leaves it out [C]). engTaxTypeItem (TaxTypeID, TaxItemID) is [?].
 */
const ORDER_DDL: readonly string[] = [
  `DROP TABLE dbo.docDocument`,
  `DROP TABLE dbo.docDocumentPaymentAgenda`,
  `DROP TABLE dbo.orgProduct`,
  // orgProduct.ProductID is IDENTITY in Start/Pro: the invoice writer creates store-only articles.
  `CREATE TABLE dbo.orgProduct (
     ProductID INTEGER PRIMARY KEY, ProductKey NVARCHAR(50) NULL, ProductName NVARCHAR(255) NOT NULL, ProductDescription NTEXT NULL,
     ProductTypeID INT NOT NULL DEFAULT 1, Unit NVARCHAR(50) NULL, UnitSale NVARCHAR(50) NULL, ClaveProdServ NVARCHAR(8) NULL,
     ClaveUnidad NVARCHAR(10) NULL, ObjetoImpuesto NVARCHAR(2) NULL, TaxTypeID INT NULL, CurrencyID INT NULL, Category1 NVARCHAR(100) NULL,
     Category2 NVARCHAR(100) NULL, ProductIsService BIT NOT NULL DEFAULT 0, AvailableForSale BIT NOT NULL DEFAULT 1, CreatedOn DATETIME NULL,
     CreatedBy INT NULL, UserID INT NULL, DeletedOn DATETIME NULL)`,
  `CREATE TABLE dbo.docDocument (
     DocumentID INTEGER PRIMARY KEY, ModuleID INT NOT NULL, DocumentTypeID INT NOT NULL, DocRecipientID INT NOT NULL,
     OwnedBusinessEntityID BIGINT NOT NULL, BusinessEntityID BIGINT NOT NULL DEFAULT 0, DepotID BIGINT NOT NULL,
     DepotIDFrom BIGINT NOT NULL DEFAULT 0, FolioPrefix NVARCHAR(20) NOT NULL DEFAULT '', Folio NVARCHAR(30) NULL,
     DateDocument DATETIME NOT NULL, DateDelivery DATETIME NULL, DateCost DATETIME NOT NULL, DateDocDelivery DATETIME NOT NULL,
     DateFrom DATETIME NOT NULL, DateTo DATETIME NOT NULL, DateLastPayment DATETIME NOT NULL, LanguageID INT NOT NULL DEFAULT 3, CurrencyID INT NOT NULL DEFAULT 3,
     Rate FLOAT NOT NULL DEFAULT 1, PaymentTermID INT NOT NULL DEFAULT 0, Title NVARCHAR(255) NULL, Comments NTEXT NULL,
     SubTotal FLOAT NOT NULL DEFAULT 0, SubTotalWithDiscount FLOAT NOT NULL DEFAULT 0, TotalDiscount FLOAT NOT NULL DEFAULT 0,
     TotalTax FLOAT NOT NULL DEFAULT 0, TotalRetention FLOAT NOT NULL DEFAULT 0, Total FLOAT NOT NULL DEFAULT 0,
     TotalCost FLOAT NOT NULL DEFAULT 0, TotalLetter NVARCHAR(500) NULL, TotalPaid FLOAT NOT NULL DEFAULT 0,
     Balance FLOAT NOT NULL DEFAULT 0, StatusPaidID INT NOT NULL DEFAULT 0, StatusDeliveryID INT NOT NULL DEFAULT 0,
     MustBeSynchronized BIT NOT NULL DEFAULT 1, ExportID INT NOT NULL DEFAULT 1, SourceDocumentID BIGINT NULL, CancelledOn DATETIME NULL,
     CreatedOn DATETIME NULL, CreatedBy INT NOT NULL DEFAULT 0, UserID INT NOT NULL DEFAULT 0, DeletedOn DATETIME NULL)`,
  `CREATE TABLE dbo.docDocumentPaymentAgenda (
     DocumentPaymentAgendaID INTEGER PRIMARY KEY, DocumentID BIGINT NOT NULL, DatePayment DATETIME NOT NULL, TotalPerc FLOAT NOT NULL,
     Amount FLOAT NOT NULL DEFAULT 0, Total FLOAT NULL, PartialityNumber INT NOT NULL, CreatedOn DATETIME NULL, CreatedBy INT NULL,
     DeletedOn DATETIME NULL)`,
  `CREATE TABLE dbo.docDocumentExt (IDExtra BIGINT PRIMARY KEY)`,
  `CREATE TABLE dbo.docDocumentExtra (DocumentID BIGINT PRIMARY KEY, BusinessEntityDepotID BIGINT NULL, AddressDetailID BIGINT NULL)`,
  `CREATE TABLE dbo.docDocumentItem (
     DocumentItemID INTEGER PRIMARY KEY, DocumentID BIGINT NOT NULL, ProductID BIGINT NOT NULL DEFAULT 0, ProductKey NVARCHAR(50) NULL,
     Description NTEXT NULL, Unit NVARCHAR(50) NULL, Quantity DECIMAL(18,4) NOT NULL, QuantityInventory DECIMAL(18,4) NULL,
     UnitPrice DECIMAL(18,2) NOT NULL DEFAULT 0, Total FLOAT NOT NULL DEFAULT 0, TaxTypeID INT NULL, TaxPerc FLOAT NOT NULL DEFAULT 0,
     RetentionPerc FLOAT NOT NULL DEFAULT 0, DiscountPerc FLOAT NOT NULL DEFAULT 0, CostPrice FLOAT NOT NULL DEFAULT 0,
     LineNumber INT NOT NULL, DateItem DATETIME NULL, ApplyGlobalDiscount BIT NOT NULL DEFAULT 1, DeductiblePerc FLOAT NOT NULL DEFAULT 1,
     IsBusinessOperation BIT NOT NULL DEFAULT 1, MustBeDelivered BIT NOT NULL DEFAULT 1, CoefUnit FLOAT NOT NULL DEFAULT 1,
     ClaveUnidad NVARCHAR(10) NULL, ObjetoImpuesto NVARCHAR(2) NULL, Comments NTEXT NULL, DeletedOn DATETIME NULL)`,
  `CREATE TABLE dbo.docDocumentTax (DocumentID BIGINT PRIMARY KEY, IVA_T FLOAT NOT NULL, IVA_R FLOAT NOT NULL, ISR_R FLOAT NOT NULL,
     IEPS_T FLOAT NOT NULL, IEPS_R FLOAT NOT NULL, Otro FLOAT NOT NULL, Local_T FLOAT NOT NULL, Local_R FLOAT NOT NULL)`,
  `CREATE TABLE dbo.docDocumentTaxDetail (
     DocumentTaxDetailID INTEGER PRIMARY KEY, DocumentID BIGINT NOT NULL, DocumentItemID BIGINT NOT NULL, TaxTypeID INT NOT NULL,
     TaxItemID INT NOT NULL, Amount FLOAT NOT NULL, Retention BIT NOT NULL, IVASobreIEPS BIT NOT NULL, RegionalTaxID INT NOT NULL,
     TaxName NVARCHAR(100) NOT NULL, TaxTypeName NVARCHAR(100) NOT NULL, TaxBase FLOAT NOT NULL, TaxPerc FLOAT NOT NULL,
     TipoFactor NVARCHAR(10) NOT NULL)`,
  `CREATE TABLE dbo.docDocumentTaxSum (
     DocumentID BIGINT PRIMARY KEY, TaxName1 NVARCHAR(100) NOT NULL, TaxAmount1 FLOAT NOT NULL, TaxName2 NVARCHAR(100) NULL,
     TaxAmount2 FLOAT NULL, TaxName3 NVARCHAR(100) NULL, TaxAmount3 FLOAT NULL, TotalFederal FLOAT NOT NULL, TotalLocal FLOAT NOT NULL,
     TotalOtro FLOAT NOT NULL)`,
  `CREATE TABLE dbo.engTaxTypeItem (TaxTypeID INT NOT NULL, TaxItemID INT NOT NULL, TaxPerc FLOAT NULL)`,
  `CREATE TABLE dbo.engModuleParameter (ModuleID INT NOT NULL, Section NVARCHAR(50) NOT NULL DEFAULT 'Parámetro',
     ParameterKey NVARCHAR(100) NOT NULL, Value NVARCHAR(400) NULL)`,
];

type Row = Record<string, SqlValue>;

/** Module profiles (reference §5 seed): 9001 stands for the unknown Cotizaciones module; 1400 is a pedido clone. */
const PARAMS: [number, string, string][] = [
  [21, 'DocumentTypeID', '5'],
  [21, 'DocRecipient', '1'],
  [967, 'DocumentTypeID', '40'],
  [967, 'DocRecipient', '1'],
  [183, 'DocumentTypeID', '40'],
  [183, 'DocRecipient', '2'],
  [1400, 'DocumentTypeID', '40'],
  [1400, 'DocRecipient', '1'],
  [9001, 'DocumentTypeID', '1'],
  [9001, 'DocRecipient', '1'],
];

const EXTRA_ROWS: Readonly<Record<string, readonly Row[]>> = {
  engModule: [
    { ModuleID: 183, ModuleName: 'Órdenes de compra', ModuleIDBase: null, DeletedOn: null },
    { ModuleID: 1400, ModuleName: 'Pedidos sucursal (clon)', ModuleIDBase: 967, DeletedOn: null },
    { ModuleID: 9001, ModuleName: 'Cotizaciones', ModuleIDBase: 0, DeletedOn: null },
  ],
  engModuleParameter: PARAMS.map(([ModuleID, ParameterKey, Value]) => ({ ModuleID, ParameterKey, Value })),
  // A customer of company 1 without RFC (no orgBusinessEntityMainInfo row).
  orgBusinessEntity: [
    {
      BusinessEntityID: 11,
      OfficialName: 'Cliente Sin RFC “Ñ”',
      BusinessEntityKey: 'CLI-SR',
      IsOwned: false,
      DeletedOn: null,
    },
  ],
  orgCustomer: [
    {
      CustomerID: 1002,
      OwnedBusinessEntityID: 1,
      BusinessEntityID: 11,
      PaymentTermID: 1,
      CurrencyID: 3,
      DeletedOn: null,
    },
  ],
  engTaxType: [
    { TaxTypeID: 5, TaxTypeName: 'IVA 16 % (en porcentaje)' },
    { TaxTypeID: 6, TaxTypeName: 'IVA 8 % región fronteriza' },
  ],
  vwLBSTaxPerc: [
    { TaxTypeID: 5, IVA_Perc: 16, IEPS_Perc: 0 },
    { TaxTypeID: 6, IVA_Perc: 0.08, IEPS_Perc: 0 },
  ],
  // TaxItemID of tax type 1 (the sandbox's 6 for IVA 16 %); types 5 and 6 have none (→ 0).
  engTaxTypeItem: [{ TaxTypeID: 1, TaxItemID: 6, TaxPerc: 0.16 }],
  orgProduct: [
    {
      ProductID: 1600,
      ProductKey: 'FLETE',
      ProductName: 'Flete y maniobras',
      ProductTypeID: 4,
      Unit: 'Servicio',
      ClaveUnidad: 'E48',
      ObjetoImpuesto: '02',
      TaxTypeID: 1,
      CurrencyID: 3,
    },
    {
      ProductID: 1601,
      ProductKey: 'CAB-Ñ',
      ProductName: 'Cable “Ñandú” calibre 12',
      ProductTypeID: 1,
      Unit: 'Metro',
      ClaveUnidad: 'MTR',
      ObjetoImpuesto: '02',
      TaxTypeID: 5,
      CurrencyID: 3,
    },
    {
      ProductID: 1602,
      ProductKey: 'FRONT-8',
      ProductName: 'Lámpara “frontera”',
      ProductTypeID: 1,
      Unit: 'Pieza',
      ClaveUnidad: '',
      ObjetoImpuesto: '03',
      TaxTypeID: 6,
      CurrencyID: 3,
    },
  ],
};

/** The five native dates of a seeded document: its DateDocument, as NuevoDocumento sets them (DateLastPayment: the day). */
export function withNativeDates(row: Row): Row {
  const date = String(row.DateDocument);
  return {
    ...row,
    DateCost: date,
    DateDocDelivery: date,
    DateFrom: date,
    DateTo: date,
    DateLastPayment: `${date.slice(0, 10)}T00:00:00`,
  };
}

/** Identity tables whose fixture rows carry explicit ids (SQL Server needs IDENTITY_INSERT for them). */
const IDENTITY_TABLES = new Set([
  'docDocument',
  'docDocumentPaymentAgenda',
  'orgProduct',
  'docDocumentItem',
  'docDocumentTaxDetail',
]);

/** ORDER_DDL for a real SQL Server (live tests): IDENTITY keys and NVARCHAR(MAX), as in reference §5. */
const ORDER_DDL_TSQL = ORDER_DDL.map((ddl) =>
  ddl.replace(/INTEGER PRIMARY KEY/g, 'BIGINT IDENTITY(1,1) PRIMARY KEY').replace(/\bNTEXT\b/g, 'NVARCHAR(MAX)'),
);

/**
 * The catalog fixture plus the document tables and rows the order and invoice writers need. `dialect` 'tsql'
 * loads the same tables and rows into a real SQL Server (tests/live).
 */
export async function loadStartProOrdersFixture(
  exec: SqlExecutor,
  dialect: 'sqlite' | 'tsql' = 'sqlite',
): Promise<void> {
  await loadStartProFixture(exec);
  for (const ddl of dialect === 'tsql' ? ORDER_DDL_TSQL : ORDER_DDL) await exec.query(ddl);
  const rows: Record<string, readonly Row[]> = {
    docDocument: (FIXTURE_ROWS.docDocument ?? []).map(withNativeDates),
    docDocumentPaymentAgenda: FIXTURE_ROWS.docDocumentPaymentAgenda ?? [],
    ...EXTRA_ROWS,
    // Product 1 has an empty ObjetoImpuesto (its items get NULL); the catalog fixture's others have none.
    orgProduct: [
      ...(FIXTURE_ROWS.orgProduct ?? []).map((p) => (p.ProductID === 1 ? { ...p, ObjetoImpuesto: '' } : p)),
      ...(EXTRA_ROWS.orgProduct ?? []),
    ],
  };
  for (const [table, list] of Object.entries(rows)) {
    for (const row of list) {
      const cols = Object.keys(row);
      const insert = `INSERT INTO dbo.${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`;
      const identity = dialect === 'tsql' && IDENTITY_TABLES.has(table);
      await exec.query(
        identity ? `SET IDENTITY_INSERT dbo.${table} ON; ${insert}; SET IDENTITY_INSERT dbo.${table} OFF;` : insert,
        row,
      );
    }
  }
}

export const ORDER_TABLES = [
  'orgProduct',
  'docDocument',
  'docDocumentExt',
  'docDocumentExtra',
  'docDocumentCFD',
  'docDocumentPaymentAgenda',
  'docDocumentItem',
  'docDocumentTax',
  'docDocumentTaxDetail',
  'docDocumentTaxSum',
] as const;

/** Row counts of every table the writer touches (and a legacy zzWopenFolio's rows, if any), to prove "nothing written". */
export function writeFootprint(exec: SqliteSqlExecutor): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const t of ORDER_TABLES)
    out[t] = (exec.db.prepare(`SELECT COUNT(*) AS n FROM dbo.${t}`).get() as { n: number }).n;
  const hasFolios = exec.db
    .prepare(`SELECT COUNT(*) AS n FROM dbo.sqlite_master WHERE name = 'zzWopenFolio'`)
    .get() as { n: number };
  out.zzWopenFolio = hasFolios.n
    ? exec.db
        .prepare('SELECT * FROM dbo.zzWopenFolio ORDER BY ModuleID, Prefix')
        .all()
        .map((r) => {
          const { UpdatedOn: _ignored, ...rest } = r as Record<string, unknown>;
          return rest;
        })
    : null;
  return out;
}
