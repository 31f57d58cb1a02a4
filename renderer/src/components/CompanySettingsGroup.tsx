import { AUTO_STAMP_NOTICE, DEFAULT_KEYS_NOTICE, PERIOD_MAX, PERIOD_MIN } from '../../../shared/company-settings';
import { useConnection } from '../queries/connections';
import { FIELD_IDS } from '../store/company-draft';
import { useConsole } from '../store/console-store';
import type { SelectedCompany } from '../store/use-selected-company';
import { GroupBox } from './GroupBox';

/** "Configuración": period, what to synchronize, branch, automatic stamping and its default SAT keys. */
export function CompanySettingsGroup({ company }: { company: SelectedCompany }) {
  const { draft, edit, isInvalid } = company;
  const choices = useConsole((s) => s.branches[company.companyId]);
  const branches = choices?.branches ?? [];
  // A saved branch the ERP no longer lists stays visible instead of silently turning into "none".
  const orphanBranch = draft.branchId && !branches.some((b) => b.id === draft.branchId) ? draft.branchId : null;
  const showKeys = draft.autoStamp || draft.claveProdServ !== '' || draft.claveUnidad !== '';
  // The licence seat is CONTPAQi's: stamping from Start/Pro takes a user of its licence, Microsip's does not.
  const contpaqi = useConnection(useConsole((s) => s.connectionId))?.config.kind === 'contpaqi';

  return (
    <GroupBox title="Configuración">
      <div className="form-grid">
        <label htmlFor={FIELD_IDS.period}>Periodo de sincronización (min.)</label>
        <div className="field-with-hint">
          <input
            id={FIELD_IDS.period}
            className="short"
            inputMode="numeric"
            aria-invalid={isInvalid('period') || undefined}
            aria-describedby="period-hint"
            value={draft.period}
            onChange={(e) => edit({ period: e.target.value })}
          />
          <span id="period-hint" className="hint">
            De {PERIOD_MIN} a {PERIOD_MAX} minutos ({PERIOD_MAX} = 24 hrs.)
          </span>
        </div>

        <span className="grid-gap" />
        <label className="check">
          <input type="checkbox" checked={draft.orders} onChange={(e) => edit({ orders: e.target.checked })} />
          Sincronización Pedidos
        </label>

        <span className="grid-gap" />
        <label className="check">
          <input type="checkbox" checked={draft.invoices} onChange={(e) => edit({ invoices: e.target.checked })} />
          Sincronización Facturas
        </label>

        <label htmlFor="wopen-branch">Sucursal</label>
        <div>
          <select
            id="wopen-branch"
            value={draft.branchId}
            aria-invalid={isInvalid('branchId') || undefined}
            onChange={(e) => edit({ branchId: e.target.value })}
          >
            <option value="">(Ninguna)</option>
            {branches.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
            {orphanBranch && <option value={orphanBranch}>{orphanBranch} (ya no existe en el ERP)</option>}
          </select>
          {choices?.warning && <p className="hint warning-text">{choices.warning}</p>}
        </div>

        <span className="grid-gap" />
        <label className="check">
          <input type="checkbox" checked={draft.autoStamp} onChange={(e) => edit({ autoStamp: e.target.checked })} />
          Timbrado de factura automática
        </label>
      </div>

      {draft.autoStamp && contpaqi && (
        <p className="notice" role="note">
          <strong>Importante:</strong> {AUTO_STAMP_NOTICE}
        </p>
      )}

      {showKeys && (
        <div className="form-grid">
          <label htmlFor={FIELD_IDS.claveProdServ}>Clave Prod/Serv</label>
          <input
            id={FIELD_IDS.claveProdServ}
            className="short"
            inputMode="numeric"
            placeholder="Opcional"
            aria-invalid={isInvalid('claveProdServ') || undefined}
            value={draft.claveProdServ}
            onChange={(e) => edit({ claveProdServ: e.target.value })}
          />
          <label htmlFor={FIELD_IDS.claveUnidad}>Clave Unidad</label>
          <input
            id={FIELD_IDS.claveUnidad}
            className="short"
            placeholder="Opcional"
            aria-invalid={isInvalid('claveUnidad') || undefined}
            value={draft.claveUnidad}
            onChange={(e) => edit({ claveUnidad: e.target.value })}
          />
          <p className="notice grid-span" role="note">
            <strong>Importante:</strong> {DEFAULT_KEYS_NOTICE}
          </p>
        </div>
      )}
    </GroupBox>
  );
}
