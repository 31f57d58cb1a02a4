import type { SqlExecutor, SqlValue } from '../../electron/erp/contpaqi/sql-executor';
import type { ErpBranch, ErpCompany } from '../../electron/erp/port';

/**
 * The Start/Pro tables the adapter reads, cut down from the candidate DDL (reference §5) to the columns it uses
 * plus a few neighbours. Written in T-SQL that SQLite also accepts (no IDENTITY, no GETDATE defaults), so the
 * same statements build the SQLite fixture and the live scratch database. Real tables have many more columns.
 */
export const FIXTURE_DDL: readonly string[] = [
  `CREATE TABLE dbo.orgBusinessEntity (
     BusinessEntityID BIGINT NOT NULL PRIMARY KEY, OfficialName NVARCHAR(255) NOT NULL, CommercialName NVARCHAR(255) NULL,
     BusinessEntityKey NVARCHAR(50) NULL, IsOwned BIT NOT NULL, CreatedOn DATETIME NULL, DeletedOn DATETIME NULL)`,
  `CREATE TABLE dbo.orgBusinessEntityMainInfo (
     BusinessEntityID BIGINT NOT NULL PRIMARY KEY, OfficialNumber NVARCHAR(20) NULL, BusinessEntityEmail NVARCHAR(255) NULL,
     BusinessEntityPhone NVARCHAR(50) NULL, AddressFiscalStreet NVARCHAR(255) NULL, AddressFiscalExtNumber NVARCHAR(50) NULL,
     AddressFiscalIntNumber NVARCHAR(50) NULL, AddressFiscalCity NVARCHAR(255) NULL, AddressFiscalMunicipality NVARCHAR(255) NULL,
     AddressFiscalStateProvince NVARCHAR(255) NULL, AddressFiscalZipCode NVARCHAR(10) NULL)`,
  `CREATE TABLE dbo.orgDepot (
     DepotID BIGINT NOT NULL PRIMARY KEY, OwnedBusinessEntityID BIGINT NOT NULL, DepotKey NVARCHAR(50) NULL,
     DepotName NVARCHAR(255) NOT NULL, DepotTypeID INT NULL, DeletedOn DATETIME NULL)`,
  `CREATE TABLE dbo.docDocument (
     DocumentID BIGINT NOT NULL PRIMARY KEY, ModuleID INT NOT NULL, DocumentTypeID INT NOT NULL, DocRecipientID INT NOT NULL,
     OwnedBusinessEntityID BIGINT NOT NULL, BusinessEntityID BIGINT NOT NULL, DepotID BIGINT NOT NULL,
     FolioPrefix NVARCHAR(20) NOT NULL, Folio NVARCHAR(30) NULL, DateDocument DATETIME NOT NULL, DeletedOn DATETIME NULL,
     Balance FLOAT NOT NULL DEFAULT 0, CancelledOn DATETIME NULL, CurrencyID INT NOT NULL DEFAULT 3, Title NVARCHAR(255) NULL,
     SubTotal FLOAT NOT NULL DEFAULT 0, TotalTax FLOAT NOT NULL DEFAULT 0, Total FLOAT NOT NULL DEFAULT 0)`,
  // The CFDI columns of reference §3.8 [C] the invoices catalog and the invoice writer use.
  `CREATE TABLE dbo.docDocumentCFD (
     DocumentID BIGINT NOT NULL PRIMARY KEY, FinancialOperationID BIGINT NOT NULL DEFAULT 0, Anexo20Ver NVARCHAR(5) NULL,
     ReceptorUsoCFDI NVARCHAR(5) NULL, FormaPago NVARCHAR(10) NULL, MetodoPago NVARCHAR(5) NULL, CFDIFolioFiscal NVARCHAR(40) NULL,
     CFDFileXML NVARCHAR(500) NULL, Serie NVARCHAR(25) NULL, Folio NVARCHAR(40) NULL, RFC NVARCHAR(20) NULL,
     CFDStatusID INT NOT NULL DEFAULT 0, CFDCancelledStatusID INT NOT NULL DEFAULT 0)`,
  `CREATE TABLE dbo.docDocumentPaymentAgenda (
     DocumentPaymentAgendaID BIGINT NOT NULL PRIMARY KEY, DocumentID BIGINT NOT NULL, DatePayment DATETIME NOT NULL,
     TotalPerc FLOAT NOT NULL, Amount FLOAT NOT NULL DEFAULT 0, PartialityNumber INT NOT NULL, DeletedOn DATETIME NULL)`,
  `CREATE TABLE dbo.orgCustomer (
     CustomerID BIGINT NOT NULL PRIMARY KEY, OwnedBusinessEntityID BIGINT NULL, BusinessEntityID BIGINT NOT NULL,
     PaymentTermID INT NULL, Discount FLOAT NULL, CreditLimit FLOAT NULL, CurrencyID INT NULL, DeletedOn DATETIME NULL)`,
  `CREATE TABLE dbo.engTaxType (TaxTypeID INT NOT NULL PRIMARY KEY, TaxTypeName NVARCHAR(100) NOT NULL)`,
  // vwLBSTaxPerc and vwLBSProductQuantityList are views in Start/Pro whose definitions are unknown [?]: the
  // fixture backs each with a table of the same name and the confirmed columns the adapter reads.
  `CREATE TABLE dbo.vwLBSTaxPerc (
     TaxTypeID INT NOT NULL PRIMARY KEY, IVA_Perc FLOAT NOT NULL DEFAULT 0, IEPS_Perc FLOAT NOT NULL DEFAULT 0,
     Retencion_IVA FLOAT NOT NULL DEFAULT 0, Retencion_ISR FLOAT NOT NULL DEFAULT 0)`,
  `CREATE TABLE dbo.engRefCurrency (CurrencyID INT NOT NULL PRIMARY KEY, Currency NVARCHAR(100) NOT NULL,
     IntlSymbol NVARCHAR(10) NOT NULL, Rate FLOAT NOT NULL DEFAULT 1)`,
  `CREATE TABLE dbo.orgPriceList (PriceListID INT NOT NULL PRIMARY KEY, PriceListName NVARCHAR(100) NOT NULL, DeletedOn DATETIME NULL)`,
  `CREATE TABLE dbo.engPaymentTerm (PaymentTermID INT NOT NULL PRIMARY KEY, PaymentTermName NVARCHAR(100) NOT NULL,
     Sales BIT NOT NULL DEFAULT 1, Buys BIT NOT NULL DEFAULT 1, DeletedOn DATETIME NULL)`,
  `CREATE TABLE dbo.engPaymentTermDetail (PaymentTermDetailID INT NOT NULL PRIMARY KEY, PaymentTermID INT NOT NULL,
     PaymentPerc FLOAT NOT NULL, PaymentUnit INT NOT NULL, PaymentPeriodID INT NOT NULL, ForceEndOfMonth BIT NOT NULL DEFAULT 0)`,
  `CREATE TABLE dbo.orgProduct (
     ProductID BIGINT NOT NULL PRIMARY KEY, ProductKey NVARCHAR(50) NULL, ProductName NVARCHAR(255) NOT NULL,
     ProductDescription NVARCHAR(4000) NULL, -- NVARCHAR(MAX) in the reference DDL [?]; SQLite cannot parse MAX
     ProductTypeID INT NOT NULL DEFAULT 1, Unit NVARCHAR(50) NULL, UnitSale NVARCHAR(50) NULL,
     ClaveProdServ NVARCHAR(8) NULL, ClaveUnidad NVARCHAR(10) NULL, TaxTypeID INT NULL, CurrencyID INT NULL,
     Category1 NVARCHAR(100) NULL, Category2 NVARCHAR(100) NULL, DeletedOn DATETIME NULL)`,
  `CREATE TABLE dbo.orgProductPriceList (ProductID BIGINT NOT NULL, PriceListID INT NOT NULL, Price FLOAT NOT NULL,
     PRIMARY KEY (ProductID, PriceListID))`,
  `CREATE TABLE dbo.vwLBSProductQuantityList (
     OwnedBusinessEntityID BIGINT NOT NULL, ProductID BIGINT NOT NULL, DepotID BIGINT NOT NULL, DepotName NVARCHAR(255) NULL,
     QtyPresent FLOAT NOT NULL, QtyAvailable FLOAT NOT NULL, QtyToDeliverToCustomer FLOAT NOT NULL,
     QtyToReceiveFromSupplier FLOAT NOT NULL DEFAULT 0, PRIMARY KEY (ProductID, DepotID))`,
  `CREATE TABLE dbo.engModule (ModuleID INT NOT NULL PRIMARY KEY, ModuleName NVARCHAR(100) NOT NULL, ModuleIDBase INT NULL, DeletedOn DATETIME NULL)`,
  // Ribbon tables only matter for the discovery probe; their columns are unknown [?].
  `CREATE TABLE dbo.engRibbonGroup (RibbonGroupID INT NOT NULL PRIMARY KEY, GroupName NVARCHAR(100) NULL)`,
  `CREATE TABLE dbo.engRibbonControl (RibbonControlID INT NOT NULL PRIMARY KEY, RibbonGroupID INT NULL, ControlExecute NVARCHAR(255) NULL)`,
];

export const STARTPRO_MARKER_TABLES = ['engRibbonControl', 'engRibbonGroup', 'engModule', 'docDocument'] as const;

type Row = Record<string, SqlValue>;

const DELETED = '2023-06-30T12:00:00';

export const FIXTURE_ROWS: Readonly<Record<string, readonly Row[]>> = {
  orgBusinessEntity: [
    {
      BusinessEntityID: 1,
      OfficialName: 'Comercializadora Ñandú, S.A. de C.V.',
      CommercialName: 'Ñandú',
      IsOwned: true,
      DeletedOn: null,
    },
    {
      BusinessEntityID: 2,
      OfficialName: 'Distribuidora “La Española”, S. de R.L. de C.V.',
      CommercialName: null,
      IsOwned: true,
      DeletedOn: null,
    },
    {
      BusinessEntityID: 3,
      OfficialName: 'Importadora Euro € Peña, S.A.',
      CommercialName: '',
      IsOwned: true,
      DeletedOn: null,
    },
    {
      BusinessEntityID: 4,
      OfficialName: 'Empresa Dada de Baja, S.A.',
      CommercialName: null,
      IsOwned: true,
      DeletedOn: DELETED,
    },
    {
      BusinessEntityID: 5,
      OfficialName: 'Cliente Público en General',
      CommercialName: null,
      IsOwned: false,
      DeletedOn: null,
    },
    {
      BusinessEntityID: 6,
      OfficialName: 'Proveedor “Ñ” y Cía.',
      CommercialName: 'Prov Ñ',
      IsOwned: false,
      DeletedOn: null,
    },
    { BusinessEntityID: 7, OfficialName: '   ', CommercialName: 'Tiendita Ñoña', IsOwned: true, DeletedOn: null },
    // Customers (third parties). Entity 8 is a customer of companies 1 and 2.
    {
      BusinessEntityID: 8,
      OfficialName: 'José Ñúñez “El Güero”',
      CommercialName: null,
      BusinessEntityKey: 'CLI-Ñ01',
      IsOwned: false,
      DeletedOn: null,
    },
    {
      BusinessEntityID: 9,
      OfficialName: '  ',
      CommercialName: 'Ferretería € Euro',
      BusinessEntityKey: 'CLI-1001',
      IsOwned: false,
      DeletedOn: null,
    },
    {
      BusinessEntityID: 10,
      OfficialName: 'Cliente Borrado',
      CommercialName: null,
      BusinessEntityKey: 'CLI-X',
      IsOwned: false,
      DeletedOn: DELETED,
    },
  ],
  orgBusinessEntityMainInfo: [
    { BusinessEntityID: 1, OfficialNumber: 'CÑA010101AB1', BusinessEntityEmail: 'ventas@ñandú.mx' },
    { BusinessEntityID: 2, OfficialNumber: 'DLE020202XY2', BusinessEntityEmail: null },
    { BusinessEntityID: 5, OfficialNumber: 'XAXX010101000', BusinessEntityEmail: null },
    {
      BusinessEntityID: 8,
      OfficialNumber: 'ÑUNJ800101AB3',
      BusinessEntityEmail: 'jose@güero.mx',
      BusinessEntityPhone: '999 123 4567',
      AddressFiscalStreet: 'Calle 60 “Centro”',
      AddressFiscalExtNumber: '501',
      AddressFiscalIntNumber: 'B',
      AddressFiscalCity: 'Centro',
      AddressFiscalMunicipality: 'Mérida',
      AddressFiscalStateProvince: 'Yucatán',
      AddressFiscalZipCode: '97000',
    },
    {
      BusinessEntityID: 9,
      OfficialNumber: 'FEE900101XX9',
      BusinessEntityEmail: '',
      AddressFiscalCity: 'Peñón de los Baños',
    },
  ],
  orgDepot: [
    {
      DepotID: 1,
      OwnedBusinessEntityID: 1,
      DepotKey: 'ALM-1',
      DepotName: 'Almacén General',
      DepotTypeID: 1,
      DeletedOn: null,
    },
    {
      DepotID: 2,
      OwnedBusinessEntityID: 1,
      DepotKey: 'SUC-MER',
      DepotName: 'Sucursal Mérida “Centro”',
      DepotTypeID: 1,
      DeletedOn: null,
    },
    {
      DepotID: 3,
      OwnedBusinessEntityID: 1,
      DepotKey: 'ALM-V',
      DepotName: 'Almacén Viejo',
      DepotTypeID: 1,
      DeletedOn: DELETED,
    },
    {
      DepotID: 4,
      OwnedBusinessEntityID: 2,
      DepotKey: 'BOD-N',
      DepotName: 'Bodega Norte €',
      DepotTypeID: 1,
      DeletedOn: null,
    },
    { DepotID: 5, OwnedBusinessEntityID: 2, DepotKey: 'SIN-NOMBRE', DepotName: '', DepotTypeID: null, DeletedOn: null },
    {
      DepotID: 6,
      OwnedBusinessEntityID: 4,
      DepotKey: 'ALM-B',
      DepotName: 'Almacén de empresa borrada',
      DepotTypeID: 1,
      DeletedOn: null,
    },
  ],
  docDocument: [
    {
      DocumentID: 1,
      ModuleID: 967,
      DocumentTypeID: 40,
      DocRecipientID: 1,
      OwnedBusinessEntityID: 1,
      BusinessEntityID: 5,
      DepotID: 1,
      FolioPrefix: '',
      Folio: '1',
      DateDocument: '2024-05-01T10:00:00',
      DeletedOn: null,
    },
    // Balances (see EXPECTED_CATALOGS['customer-balances']); "today" is TODAY below.
    doc(2, { type: 5, entity: 8, balance: 1160, date: '2024-04-01T09:00:00', title: 'WOPEN-F-SOL-Ñ-77' }), // due 2024-05-01 → overdue
    doc(3, {
      type: 5,
      entity: 8,
      balance: 580.5,
      date: '2024-06-10T09:00:00',
      currency: 2,
      title: 'Factura “dólares” €',
    }), // due 2024-07-10 → not due
    doc(4, { type: 6, entity: 8, balance: 100, date: '2024-06-11T09:00:00' }), // credit note: subtracts
    doc(5, { type: 5, entity: 8, balance: 999, date: '2024-01-01T09:00:00', cancelled: true }),
    doc(6, { type: 5, entity: 8, balance: 777, date: '2024-06-01T09:00:00', company: 2 }), // another company
    doc(7, { type: 5, entity: 8, balance: 5000, date: '2024-01-01T09:00:00', recipient: 2 }), // supplier invoice
    doc(8, { type: 5, entity: 9, balance: 250.25, date: '2024-06-01T09:00:00' }), // no agenda: due on its date
    doc(9, { type: 5, entity: 8, balance: 300, date: '2024-01-01T09:00:00', deleted: true }),
    doc(10, { type: 40, entity: 8, balance: 1234, date: '2024-01-01T09:00:00' }), // a pedido has no balance
  ],
  // Stamped invoices (the invoices catalog): see EXPECTED_CATALOGS.invoices.
  docDocumentCFD: [
    cfd(2, { uuid: 'A1B2C3D4-0002-4ABC-9DEF-000000000002' }), // vigente, written from the store
    cfd(3, { uuid: 'A1B2C3D4-0003-4ABC-9DEF-000000000003', cancelledSat: true }), // cancelled at the SAT
    cfd(4, { uuid: 'A1B2C3D4-0004-4ABC-9DEF-000000000004' }), // a credit note, not an invoice
    cfd(5, { uuid: 'A1B2C3D4-0005-4ABC-9DEF-000000000005' }), // cancelled document (CancelledOn)
    cfd(6, { uuid: 'A1B2C3D4-0006-4ABC-9DEF-000000000006' }), // another company
    cfd(7, { uuid: 'A1B2C3D4-0007-4ABC-9DEF-000000000007' }), // a supplier invoice
    cfd(8, { uuid: null, status: 0 }), // not stamped yet
    cfd(9, { uuid: 'A1B2C3D4-0009-4ABC-9DEF-000000000009' }), // deleted
  ],
  docDocumentPaymentAgenda: [
    {
      DocumentPaymentAgendaID: 1,
      DocumentID: 2,
      DatePayment: '2024-04-16T00:00:00',
      TotalPerc: 50,
      PartialityNumber: 1,
      DeletedOn: null,
    },
    {
      DocumentPaymentAgendaID: 2,
      DocumentID: 2,
      DatePayment: '2024-05-01T00:00:00',
      TotalPerc: 50,
      PartialityNumber: 2,
      DeletedOn: null,
    },
    {
      DocumentPaymentAgendaID: 3,
      DocumentID: 3,
      DatePayment: '2024-07-10T00:00:00',
      TotalPerc: 100,
      PartialityNumber: 1,
      DeletedOn: null,
    },
    {
      DocumentPaymentAgendaID: 4,
      DocumentID: 8,
      DatePayment: '2024-12-31T00:00:00',
      TotalPerc: 100,
      PartialityNumber: 1,
      DeletedOn: DELETED,
    },
  ],
  orgCustomer: [
    {
      CustomerID: 1,
      OwnedBusinessEntityID: 1,
      BusinessEntityID: 5,
      PaymentTermID: 0,
      Discount: 0,
      CreditLimit: null,
      CurrencyID: 3,
      DeletedOn: null,
    },
    {
      CustomerID: 2,
      OwnedBusinessEntityID: 1,
      BusinessEntityID: 8,
      PaymentTermID: 2,
      Discount: 5,
      CreditLimit: 50000,
      CurrencyID: 3,
      DeletedOn: null,
    },
    {
      CustomerID: 3,
      OwnedBusinessEntityID: 1,
      BusinessEntityID: 10,
      PaymentTermID: 1,
      Discount: 7,
      CreditLimit: 1,
      CurrencyID: 3,
      DeletedOn: null,
    },
    {
      CustomerID: 4,
      OwnedBusinessEntityID: 1,
      BusinessEntityID: 9,
      PaymentTermID: 1,
      Discount: 9,
      CreditLimit: 1,
      CurrencyID: 3,
      DeletedOn: DELETED,
    },
    {
      CustomerID: 5,
      OwnedBusinessEntityID: 2,
      BusinessEntityID: 8,
      PaymentTermID: 1,
      Discount: 10,
      CreditLimit: 2000,
      CurrencyID: 2,
      DeletedOn: null,
    },
    {
      CustomerID: 1001,
      OwnedBusinessEntityID: 1,
      BusinessEntityID: 9,
      PaymentTermID: 3,
      Discount: 2.5,
      CreditLimit: 10000.5,
      CurrencyID: 2,
      DeletedOn: null,
    },
  ],
  engTaxType: [
    { TaxTypeID: 1, TaxTypeName: 'IVA 16%' },
    { TaxTypeID: 2, TaxTypeName: 'IVA 16% + IEPS 8%' },
    { TaxTypeID: 3, TaxTypeName: 'IEPS 26.5% “bebidas”' },
    { TaxTypeID: 4, TaxTypeName: 'Exento' },
  ],
  vwLBSTaxPerc: [
    { TaxTypeID: 1, IVA_Perc: 0.16, IEPS_Perc: 0 }, // some installs store fractions…
    { TaxTypeID: 2, IVA_Perc: 16, IEPS_Perc: 8 }, // …others percents (reference §2.3)
    { TaxTypeID: 3, IVA_Perc: 0, IEPS_Perc: 0.265 },
  ],
  engRefCurrency: [
    { CurrencyID: 1, Currency: 'Euro €', IntlSymbol: 'EUR', Rate: 20.1 },
    { CurrencyID: 2, Currency: 'Dólar americano', IntlSymbol: 'USD', Rate: 18.5 },
    { CurrencyID: 3, Currency: 'Peso mexicano', IntlSymbol: 'MXN', Rate: 1 },
  ],
  orgPriceList: [
    { PriceListID: 1, PriceListName: 'Precio público', DeletedOn: null },
    { PriceListID: 2, PriceListName: 'Mayoreo “Ñ”', DeletedOn: null },
    { PriceListID: 3, PriceListName: 'Lista vieja', DeletedOn: DELETED },
  ],
  engPaymentTerm: [
    { PaymentTermID: 1, PaymentTermName: 'Contado', Sales: true, Buys: true, DeletedOn: null },
    { PaymentTermID: 2, PaymentTermName: 'Crédito 30 días', Sales: true, Buys: true, DeletedOn: null },
    { PaymentTermID: 3, PaymentTermName: '2 pagos: 15 días y 1 mes', Sales: true, Buys: false, DeletedOn: null },
    { PaymentTermID: 4, PaymentTermName: 'Compras 60 días', Sales: false, Buys: true, DeletedOn: null },
    { PaymentTermID: 5, PaymentTermName: 'Borrada', Sales: true, Buys: true, DeletedOn: DELETED },
    { PaymentTermID: 6, PaymentTermName: 'Quincenal “2 semanas”', Sales: true, Buys: true, DeletedOn: null },
  ],
  engPaymentTermDetail: [
    { PaymentTermDetailID: 1, PaymentTermID: 2, PaymentPerc: 100, PaymentUnit: 30, PaymentPeriodID: 1 },
    { PaymentTermDetailID: 2, PaymentTermID: 3, PaymentPerc: 50, PaymentUnit: 15, PaymentPeriodID: 1 },
    { PaymentTermDetailID: 3, PaymentTermID: 3, PaymentPerc: 50, PaymentUnit: 1, PaymentPeriodID: 3 },
    { PaymentTermDetailID: 4, PaymentTermID: 4, PaymentPerc: 100, PaymentUnit: 60, PaymentPeriodID: 1 },
    { PaymentTermDetailID: 5, PaymentTermID: 6, PaymentPerc: 100, PaymentUnit: 2, PaymentPeriodID: 2 },
  ],
  orgProduct: [
    product(1, {
      key: 'TOR-001',
      name: 'Tornillo ½″ “galvanizado”',
      description: 'Caja con 100 piezas — acero',
      unit: 'Pieza',
      unitSale: 'Caja',
      sat: ['31161500', 'XBX'],
      tax: 1,
      line: ' Ferretería ',
    }),
    product(2, {
      key: 'PIN-ÑU',
      name: 'Pintura Ñandú €',
      unit: 'Litro',
      sat: ['31211500', 'LTR'],
      tax: 2,
      line: 'FERRETERÍA',
    }),
    product(3, { key: 'KIT-01', name: 'Kit de instalación', unit: 'Juego', type: 3, tax: 1, line: 'Kits' }),
    product(4, { key: 'SERV', name: 'Instalación a domicilio', unit: 'Servicio', type: 4, tax: 0, line: '' }),
    product(5, { key: 'OLD', name: 'Producto borrado', unit: 'Pieza', tax: 1, line: 'Descontinuados', deleted: true }),
    product(1500, { key: 'REF-1500', name: 'Refacción “Ñ”', unit: 'Pieza', tax: 3, line: 'Refacciones' }),
  ],
  orgProductPriceList: [
    { ProductID: 1, PriceListID: 1, Price: 12.5 },
    { ProductID: 1, PriceListID: 2, Price: 10.75 },
    { ProductID: 2, PriceListID: 1, Price: 199.9 },
    { ProductID: 2, PriceListID: 3, Price: 150 }, // deleted list
    { ProductID: 5, PriceListID: 1, Price: 1 }, // deleted product
    { ProductID: 1500, PriceListID: 1, Price: 80 },
  ],
  vwLBSProductQuantityList: [
    stockRow(1, 1, 1, 100, 20),
    stockRow(1, 1, 2, 5, 0),
    stockRow(1, 2, 1, 0, 3), // committed beyond stock: available goes negative
    stockRow(1, 4, 1, 0, 0), // a service
    stockRow(1, 1, 3, 9, 0), // deleted depot
    stockRow(1, 5, 1, 4, 0), // deleted product
    stockRow(2, 1, 4, 50, 1), // company 2's depot
    stockRow(1, 1500, 1, 7.5, 2.25),
  ],
  engModule: [
    { ModuleID: 21, ModuleName: 'Facturas', ModuleIDBase: null, DeletedOn: null },
    // Factory modules carry NULL or 0 as "no base" in real databases: both kinds are here.
    { ModuleID: 967, ModuleName: 'Pedidos', ModuleIDBase: 0, DeletedOn: null },
  ],
  engRibbonGroup: [{ RibbonGroupID: 1, GroupName: 'Ventas' }],
  engRibbonControl: [{ RibbonControlID: 1, RibbonGroupID: 1, ControlExecute: 'Pedidos' }],
};

function doc(
  id: number,
  d: {
    type: number;
    entity: number;
    balance: number;
    date: string;
    company?: number;
    recipient?: number;
    cancelled?: boolean;
    deleted?: boolean;
    currency?: number;
    title?: string;
  },
): Row {
  const subTotal = Math.round((d.balance / 1.16) * 100) / 100;
  return {
    CurrencyID: d.currency ?? 3,
    Title: d.title ?? null,
    SubTotal: subTotal,
    TotalTax: Math.round((d.balance - subTotal) * 100) / 100,
    Total: d.balance,
    DocumentID: id,
    ModuleID: d.type === 6 ? 23 : 21,
    DocumentTypeID: d.type,
    DocRecipientID: d.recipient ?? 1,
    OwnedBusinessEntityID: d.company ?? 1,
    BusinessEntityID: d.entity,
    DepotID: 1,
    FolioPrefix: 'A',
    Folio: String(id),
    DateDocument: d.date,
    DeletedOn: d.deleted ? DELETED : null,
    Balance: d.balance,
    CancelledOn: d.cancelled ? DELETED : null,
  };
}

function cfd(id: number, c: { uuid: string | null; status?: number; cancelledSat?: boolean }): Row {
  return {
    DocumentID: id,
    Anexo20Ver: '4.0',
    ReceptorUsoCFDI: 'G03',
    FormaPago: '99',
    MetodoPago: 'PPD',
    CFDIFolioFiscal: c.uuid,
    // A path on the machine that stamped: not readable from the test machine, so the catalog sends xml null.
    CFDFileXML: c.uuid ? `C:\\Compac\\Empresas\\Ñandú\\XML\\A${id}.xml` : null,
    Serie: 'A',
    Folio: String(id),
    RFC: 'ÑUNJ800101AB3',
    CFDStatusID: c.status ?? 3,
    CFDCancelledStatusID: c.cancelledSat ? 3 : 0,
  };
}

function product(
  id: number,
  p: {
    key: string;
    name: string;
    description?: string;
    unit: string;
    unitSale?: string;
    type?: number;
    sat?: [string, string];
    tax: number;
    line: string;
    deleted?: boolean;
  },
): Row {
  return {
    ProductID: id,
    ProductKey: p.key,
    ProductName: p.name,
    ProductDescription: p.description ?? null,
    ProductTypeID: p.type ?? 1,
    Unit: p.unit,
    UnitSale: p.unitSale ?? null,
    ClaveProdServ: p.sat?.[0] ?? null,
    ClaveUnidad: p.sat?.[1] ?? null,
    TaxTypeID: p.tax,
    CurrencyID: 3,
    Category1: p.line,
    Category2: null,
    DeletedOn: p.deleted ? DELETED : null,
  };
}

function stockRow(company: number, productId: number, depotId: number, present: number, toDeliver: number): Row {
  return {
    OwnedBusinessEntityID: company,
    ProductID: productId,
    DepotID: depotId,
    DepotName: null,
    QtyPresent: present,
    QtyAvailable: present - toDeliver,
    QtyToDeliverToCustomer: toDeliver,
  };
}

/** What the adapter must return for the rows above. */
export const EXPECTED_COMPANIES: readonly ErpCompany[] = [
  { id: '1', name: 'Comercializadora Ñandú, S.A. de C.V.' },
  { id: '2', name: 'Distribuidora “La Española”, S. de R.L. de C.V.' },
  { id: '3', name: 'Importadora Euro € Peña, S.A.' },
  { id: '7', name: 'Tiendita Ñoña' },
];

export const EXPECTED_BRANCHES: Readonly<Record<string, readonly ErpBranch[]>> = {
  '1': [
    { id: '1', name: 'Almacén General' },
    { id: '2', name: 'Sucursal Mérida “Centro”' },
  ],
  '2': [
    { id: '4', name: 'Bodega Norte €' },
    { id: '5', name: 'SIN-NOMBRE' },
  ],
  '3': [],
  '7': [],
};

/** Creates the tables and rows through any SqlExecutor (SQLite in unit tests, SQL Server in the live test). */
export async function loadStartProFixture(exec: SqlExecutor): Promise<void> {
  for (const ddl of FIXTURE_DDL) await exec.query(ddl);
  for (const [table, rows] of Object.entries(FIXTURE_ROWS)) {
    for (const row of rows) {
      const cols = Object.keys(row);
      // Table and column names are constants of this file; values always travel as parameters.
      await exec.query(
        `INSERT INTO dbo.${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`,
        row,
      );
    }
  }
}
