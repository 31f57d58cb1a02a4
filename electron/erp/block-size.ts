/**
 * Ids per block, for every ERP. A block of 1,000 ids keeps a changed block cheap to re-read and an unchanged
 * catalog to about one aggregate row per 1,000 ids. Microsip draws every catalog id from one generator
 * (ID_CATALOGOS), so its ids are sparse and a block holds at most 1,000 rows (stock: × warehouses).
 */
export const BLOCK_SIZE = 1000;
