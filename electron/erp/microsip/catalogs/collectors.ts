import { namedCatalog } from './named-catalog';

/** COBRADORES (COBRADOR_ID, NOMBRE). */
export const collectors = namedCatalog('collectors', 'COBRADORES', 'COBRADOR_ID', 'Cobrador');
