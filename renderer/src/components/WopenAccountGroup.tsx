import { FIELD_IDS } from '../store/company-draft';
import { useConsole } from '../store/console-store';
import type { SelectedCompany } from '../store/use-selected-company';
import { GroupBox } from './GroupBox';
import { TestResultBox } from './TestResultBox';

export const SAVED_PASSWORD_PLACEHOLDER = 'Contraseña guardada (escriba para cambiarla)';

/** "Configuración de Wopen": the store's URL and account. The saved password never reaches the page. */
export function WopenAccountGroup({ company }: { company: SelectedCompany }) {
  const { draft, edit, isInvalid, saved } = company;
  const testStore = useConsole((s) => s.testStore);
  const test = useConsole((s) => s.storeTests[company.companyId]);

  return (
    <GroupBox title="Configuración de Wopen">
      <div className="form-grid">
        <label htmlFor={FIELD_IDS.url}>URL</label>
        <input
          id={FIELD_IDS.url}
          type="url"
          spellCheck={false}
          placeholder="https://mitienda.wopen.com.mx"
          aria-invalid={isInvalid('url') || undefined}
          value={draft.url}
          onChange={(e) => edit({ url: e.target.value })}
        />
        <label htmlFor={FIELD_IDS.user}>Usuario</label>
        <input
          id={FIELD_IDS.user}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={isInvalid('user') || undefined}
          value={draft.user}
          onChange={(e) => edit({ user: e.target.value })}
        />
        <label htmlFor={FIELD_IDS.password}>Contraseña</label>
        <input
          id={FIELD_IDS.password}
          type="password"
          autoComplete="new-password"
          placeholder={saved.hasPassword ? SAVED_PASSWORD_PLACEHOLDER : ''}
          aria-invalid={isInvalid('password') || undefined}
          value={draft.newPassword}
          onChange={(e) => edit({ newPassword: e.target.value })}
        />
        <span className="grid-gap" />
        <div>
          <button type="button" disabled={test === 'running'} onClick={() => void testStore(company.companyId)}>
            Probar conexión
          </button>
        </div>
      </div>
      <TestResultBox result={test} />
      <p className="hint">Una URL de CONTPAQi® Wopen solo puede usarse para una empresa.</p>
    </GroupBox>
  );
}
