import { useEffect } from 'react';
import { FIELD_IDS } from '../store/company-draft';
import { useConsole } from '../store/console-store';
import { useModal } from '../store/modal-store';
import { useSelectedCompany } from '../store/use-selected-company';
import { CompanySettingsGroup } from './CompanySettingsGroup';
import { WopenAccountGroup } from './WopenAccountGroup';
import { SyncFieldsGroup } from './SyncFieldsGroup';
import { StockGroup } from './StockGroup';
import { SyncGroup } from './sync/SyncGroup';
import { OrdersGroup } from './OrdersGroup';

/** The right side of the dialog: the group boxes of the selected company and its sync area. */
export function SettingsPanel() {
  const company = useSelectedCompany();
  const selectedId = useConsole((s) => s.selectedCompanyId);
  const name = useConsole((s) => s.companies.find((c) => c.companyId === s.selectedCompanyId)?.name);
  const messageOpen = useModal('message') !== undefined;
  const focusField = useConsole((s) => s.focusAfterMessage);
  const focusDone = useConsole((s) => s.focusDone);

  // After "Aceptar" on a validation message, the cursor goes to the field it complained about.
  useEffect(() => {
    if (messageOpen || !focusField || !company) return;
    const el = document.getElementById(FIELD_IDS[focusField]);
    if (el instanceof HTMLInputElement) {
      el.focus();
      el.select();
    }
    focusDone();
  }, [messageOpen, focusField, company, focusDone]);

  if (!selectedId) {
    return <p className="panel-placeholder">Seleccione una empresa para ver su configuración.</p>;
  }
  if (!company) return <p className="panel-placeholder">Leyendo la configuración de la empresa…</p>;
  return (
    <div className="settings-panel">
      <p className="selected-company">
        Empresa: <strong>{name ?? company.saved.companyName}</strong>
      </p>
      <CompanySettingsGroup company={company} />
      <SyncFieldsGroup company={company} />
      <StockGroup company={company} />
      <WopenAccountGroup company={company} />
      {company.draft.orders && <OrdersGroup key={company.companyId} companyId={company.companyId} />}
      <SyncGroup companyId={company.companyId} />
      <p className="hint">La configuración es por empresa y solo aplica a la empresa seleccionada.</p>
    </div>
  );
}
