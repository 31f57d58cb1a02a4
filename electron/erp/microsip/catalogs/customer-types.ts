import { namedCatalog } from './named-catalog';

/** TIPOS_CLIENTES (TIPO_CLIENTE_ID, NOMBRE). */
export const customerTypes = namedCatalog('customer-types', 'TIPOS_CLIENTES', 'TIPO_CLIENTE_ID', 'Tipo de cliente');
