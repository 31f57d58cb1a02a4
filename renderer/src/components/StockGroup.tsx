import { FIELD_IDS } from '../store/company-draft';
import type { SelectedCompany } from '../store/use-selected-company';
import { GroupBox } from './GroupBox';

/**
 * What the store may sell of each article per warehouse: the ERP's available units (existencia − comprometido),
 * with negatives shown as 0 and an optional safety buffer held back. Saved with *Aceptar* like the rest.
 */
export function StockGroup({ company }: { company: SelectedCompany }) {
  const { draft, edit, isInvalid } = company;
  return (
    <GroupBox title="Existencias en la tienda">
      <label className="check">
        <input
          type="checkbox"
          checked={draft.negativeStockAsZero}
          onChange={(e) => edit({ negativeStockAsZero: e.target.checked })}
        />
        Publicar existencias negativas como 0
      </label>
      <div className="form-grid">
        <label htmlFor={FIELD_IDS.safetyStock}>Existencia de seguridad (unidades)</label>
        <div className="field-with-hint">
          <input
            id={FIELD_IDS.safetyStock}
            className="short"
            inputMode="numeric"
            aria-invalid={isInvalid('safetyStock') || undefined}
            aria-describedby="safety-stock-hint"
            value={draft.safetyStock}
            onChange={(e) => edit({ safetyStock: e.target.value })}
          />
          <span id="safety-stock-hint" className="hint">
            Unidades que se restan de lo disponible en cada almacén (nunca queda menos de 0)
          </span>
        </div>
      </div>
      <p className="hint">
        Disponible = existencia − comprometido en pedidos. La existencia y lo comprometido se envían tal como están en
        el ERP.
      </p>
    </GroupBox>
  );
}
