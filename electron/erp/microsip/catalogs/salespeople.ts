import { namedCatalog } from './named-catalog';

/** VENDEDORES (VENDEDOR_ID, NOMBRE). */
export const salespeople = namedCatalog('salespeople', 'VENDEDORES', 'VENDEDOR_ID', 'Vendedor');
