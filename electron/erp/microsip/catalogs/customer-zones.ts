import { namedCatalog } from './named-catalog';

/** ZONAS_CLIENTES (ZONA_CLIENTE_ID, NOMBRE). */
export const customerZones = namedCatalog('customer-zones', 'ZONAS_CLIENTES', 'ZONA_CLIENTE_ID', 'Zona');
