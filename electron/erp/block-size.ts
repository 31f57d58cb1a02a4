/**
 * Ids per block, for both ERPs' block checksums and range reads. A changed block of 1,000 ids is cheap to re-read
 * and an unchanged catalog costs about one aggregate row per 1,000 ids. Microsip draws every catalog id from one
 * generator (ID_CATALOGOS), so its ids are sparse and a block holds at most 1,000 rows (stock: × warehouses).
 */
export const BLOCK_SIZE = 1000;
