import { FIELD_IDS } from '../store/company-draft';
import type { SelectedCompany } from '../store/use-selected-company';
import { GroupBox } from './GroupBox';

/**
 * b2bGO's *Configuración de sincronización*: the hours the automatic sync may run, and which catalog fields
 * the ERP keeps updated. Names and descriptions may be left to the store; the key, prices and stock always
 * sync.
 */
export function SyncFieldsGroup({ company }: { company: SelectedCompany }) {
  const { draft, edit, isInvalid } = company;
  return (
    <GroupBox title="Configuración de sincronización">
      <div className="form-grid">
        <label htmlFor={FIELD_IDS.hoursWindow}>Horario de sincronización</label>
        <div className="field-with-hint">
          <input
            id={FIELD_IDS.hoursWindow}
            className="short"
            spellCheck={false}
            placeholder="07:00-21:00"
            aria-invalid={isInvalid('hoursWindow') || undefined}
            aria-describedby="hours-window-hint"
            value={draft.hoursWindow}
            onChange={(e) => edit({ hoursWindow: e.target.value })}
          />
          <span id="hours-window-hint" className="hint">
            Horas en que se obtienen los últimos datos (vacío = todo el día)
          </span>
        </div>
      </div>

      <p className="fields-title">Campos de artículos y clientes que se actualizan desde el ERP:</p>
      <div className="sync-fields">
        <div className="sync-fields-column">
          <label className="check">
            <input type="checkbox" checked={draft.syncNames} onChange={(e) => edit({ syncNames: e.target.checked })} />
            Sincronizar nombres
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.syncDescriptions}
              onChange={(e) => edit({ syncDescriptions: e.target.checked })}
            />
            Sincronizar descripciones
          </label>
          <p className="hint">Desmarque un campo para gestionarlo en la tienda Wopen; el ERP ya no lo sobrescribirá.</p>
        </div>
        <div className="sync-fields-column locked" aria-describedby="always-synced-note">
          {['Clave principal', 'Precios', 'Existencias'].map((label) => (
            <label key={label} className="check">
              <input type="checkbox" checked disabled readOnly />
              {label}
            </label>
          ))}
          <p id="always-synced-note" className="hint">
            Siempre se sincronizan
          </p>
        </div>
      </div>
    </GroupBox>
  );
}
