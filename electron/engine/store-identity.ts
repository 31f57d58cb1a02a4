import type { StoreIdentity } from '../store/port';

/** The key everything remembered about a store is scoped by: its origin and the id it reports. */
export const storeKeyOf = (identity: Pick<StoreIdentity, 'origin' | 'storeId'>): string =>
  `${identity.origin}#${identity.storeId}`;

export { erpMarker, storeTagOf } from '../erp/document-marker';
