import type { StartProCatalog } from './catalog-definition';
import { keyText, text } from '../../record-values';

/** The company's live depots, as in listBranches (orgDepot is per company [C]). No default-depot flag is known. */
export const warehouses: StartProCatalog = {
  name: 'warehouses',
  select: `
SELECT d.DepotID AS depotId, d.DepotKey AS depotKey, d.DepotName AS depotName
FROM dbo.orgDepot d
WHERE d.OwnedBusinessEntityID = @company AND d.DeletedOn IS NULL`,
  blockColumn: 'depotId',
  keyColumns: ['depotId'],
  columns: ['depotKey', 'depotName'],
  toRecord(r) {
    const shortName = text(r.depotKey);
    return {
      key: keyText(r.depotId),
      data: { name: text(r.depotName) ?? shortName ?? `Almacén ${keyText(r.depotId)}`, shortName },
    };
  },
};
