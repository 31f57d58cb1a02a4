import type { CatalogName } from '../../shared/catalogs';

/** Pinned "now" of the catalog tests: local 2024-06-15 10:30, so documents due up to 2024-06-14 are overdue. */
export const CATALOG_NOW = new Date(2024, 5, 15, 10, 30);

const noAddress = { street: null, city: null, state: null, zip: null };

/** Every record company 1 of the fixture must produce, in read order (block, then key). */
export const EXPECTED_CATALOGS_COMPANY_1: Readonly<Partial<Record<CatalogName, Record<string, unknown>>>> = {
  taxes: {
    '1': { name: 'IVA 16%', kind: 'IVA', rate: 16 },
    '2': { name: 'IVA 16% + IEPS 8%', kind: 'OTRO', rate: 16 },
    '3': { name: 'IEPS 26.5% “bebidas”', kind: 'IEPS', rate: 26.5 },
    '4': { name: 'Exento', kind: 'IVA', rate: 0 },
  },
  currencies: {
    '1': { name: 'Euro €', symbol: 'EUR', isLocal: false },
    '2': { name: 'Dólar americano', symbol: 'USD', isLocal: false },
    '3': { name: 'Peso mexicano', symbol: 'MXN', isLocal: true },
  },
  warehouses: {
    '1': { name: 'Almacén General', shortName: 'ALM-1' },
    '2': { name: 'Sucursal Mérida “Centro”', shortName: 'SUC-MER' },
  },
  'price-lists': {
    '1': { name: 'Precio público', position: 1 },
    '2': { name: 'Mayoreo “Ñ”', position: 2 },
  },
  'payment-terms': {
    '1': { name: 'Contado', days: 0 },
    '2': { name: 'Crédito 30 días', days: 30 },
    '3': { name: '2 pagos: 15 días y 1 mes', days: 30 },
    '6': { name: 'Quincenal “2 semanas”', days: 14 },
  },
  customers: {
    '1': {
      code: null, name: 'Cliente Público en General', rfc: 'XAXX010101000', email: null, phone: null, status: 'active',
      currencyKey: '3', paymentTermKey: null, address: noAddress,
    },
    '2': {
      code: 'CLI-Ñ01', name: 'José Ñúñez “El Güero”', rfc: 'ÑUNJ800101AB3', email: 'jose@güero.mx', phone: '999 123 4567',
      status: 'active', currencyKey: '3', paymentTermKey: '2',
      address: { street: 'Calle 60 “Centro” 501 Int. B', city: 'Mérida', state: 'Yucatán', zip: '97000' },
    },
    '1001': {
      code: 'CLI-1001', name: 'Ferretería € Euro', rfc: 'FEE900101XX9', email: null, phone: null, status: 'active',
      currencyKey: '2', paymentTermKey: '3', address: { ...noAddress, city: 'Peñón de los Baños' },
    },
  },
  'customer-balances': {
    '1': { customerKey: '1', creditLimit: 0, balance: 0, overdue: 0, notDue: 0 },
    '2': { customerKey: '2', creditLimit: 50000, balance: 1640.5, overdue: 1160, notDue: 480.5 },
    '1001': { customerKey: '1001', creditLimit: 10000.5, balance: 250.25, overdue: 250.25, notDue: 0 },
  },
  'article-lines': {
    FERRETERÍA: { name: 'FERRETERÍA' },
    KITS: { name: 'Kits' },
    REFACCIONES: { name: 'Refacciones' },
  },
  articles: {
    '1': {
      code: 'TOR-001', name: 'Tornillo ½″ “galvanizado”', description: 'Caja con 100 piezas — acero', lineKey: 'FERRETERÍA',
      unit: 'Caja', status: 'active', isKit: false, taxKeys: ['1'], satProductKey: '31161500', satUnitKey: 'XBX',
    },
    '2': {
      code: 'PIN-ÑU', name: 'Pintura Ñandú €', description: null, lineKey: 'FERRETERÍA', unit: 'Litro', status: 'active',
      isKit: false, taxKeys: ['2'], satProductKey: '31211500', satUnitKey: 'LTR',
    },
    '3': {
      code: 'KIT-01', name: 'Kit de instalación', description: null, lineKey: 'KITS', unit: 'Juego', status: 'active',
      isKit: true, taxKeys: ['1'], satProductKey: null, satUnitKey: null,
    },
    '4': {
      code: 'SERV', name: 'Instalación a domicilio', description: null, lineKey: null, unit: 'Servicio', status: 'active',
      isKit: false, taxKeys: [], satProductKey: null, satUnitKey: null,
    },
    '1500': {
      code: 'REF-1500', name: 'Refacción “Ñ”', description: null, lineKey: 'REFACCIONES', unit: 'Pieza', status: 'active',
      isKit: false, taxKeys: ['3'], satProductKey: null, satUnitKey: null,
    },
  },
  stock: {
    '1:1': { articleKey: '1', warehouseKey: '1', onHand: 100, committed: 20, available: 80 },
    '1:2': { articleKey: '1', warehouseKey: '2', onHand: 5, committed: 0, available: 5 },
    '2:1': { articleKey: '2', warehouseKey: '1', onHand: 0, committed: 3, available: -3 },
    '1500:1': { articleKey: '1500', warehouseKey: '1', onHand: 7.5, committed: 2.25, available: 5.25 },
  },
  'article-prices': {
    '1:1': { articleKey: '1', priceListKey: '1', price: 12.5 },
    '1:2': { articleKey: '1', priceListKey: '2', price: 10.75 },
    '2:1': { articleKey: '2', priceListKey: '1', price: 199.9 },
    '1500:1': { articleKey: '1500', priceListKey: '1', price: 80 },
  },
  discounts: {
    'customer:2': { kind: 'customer', percent: 5, customerKey: '2' },
    'customer:1001': { kind: 'customer', percent: 2.5, customerKey: '1001' },
  },
  // Stamped customer invoices: cancelled ones stay with status 'cancelada'; a credit note, a supplier invoice, an
  // unstamped, a deleted and another company's invoice are left out. The XML paths are not readable here.
  invoices: {
    '2': {
      folio: 'A2', date: '2024-04-01', customerKey: '2', currency: 'MXN', subtotal: 1000, tax: 160, total: 1160,
      uuid: 'A1B2C3D4-0002-4ABC-9DEF-000000000002', status: 'vigente', storeRequestId: 'SOL-Ñ-77', xml: null,
    },
    '3': {
      folio: 'A3', date: '2024-06-10', customerKey: '2', currency: 'USD', subtotal: 500.43, tax: 80.07, total: 580.5,
      uuid: 'A1B2C3D4-0003-4ABC-9DEF-000000000003', status: 'cancelada', storeRequestId: null, xml: null,
    },
    '5': {
      folio: 'A5', date: '2024-01-01', customerKey: '2', currency: 'MXN', subtotal: 861.21, tax: 137.79, total: 999,
      uuid: 'A1B2C3D4-0005-4ABC-9DEF-000000000005', status: 'cancelada', storeRequestId: null, xml: null,
    },
  },
};
