import type { KeyboardEvent } from 'react';
import { currentDraft, dirtyCompanyIds, useConsole } from '../store/console-store';
import { PausedTag } from './pause/PausedTag';
import { AllPauseControl } from './pause/AllPauseControl';

/**
 * The companies of the connected database, as CONTPAQi lists them: "Empresa" and a "Sincronizar" tick.
 * Selecting a row shows its settings; Up/Down move between rows.
 */
export function CompaniesGrid() {
  const companies = useConsole((s) => s.companies);
  const warning = useConsole((s) => s.companiesWarning);
  const loading = useConsole((s) => s.loadingCompanies);
  const selectedId = useConsole((s) => s.selectedCompanyId);
  const drafts = useConsole((s) => s.drafts);
  const saved = useConsole((s) => s.saved);
  const orderDrafts = useConsole((s) => s.orderDrafts);
  const orderViews = useConsole((s) => s.orderViews);
  const selectCompany = useConsole((s) => s.selectCompany);
  const toggleSync = useConsole((s) => s.toggleSync);
  const loadCompanies = useConsole((s) => s.loadCompanies);
  const connectionId = useConsole((s) => s.connectionId);
  const dirty = new Set(dirtyCompanyIds({ drafts, saved, companies, orderDrafts, orderViews }));

  const onRowKey = (e: KeyboardEvent<HTMLButtonElement>, index: number): void => {
    const next = e.key === 'ArrowDown' ? index + 1 : e.key === 'ArrowUp' ? index - 1 : -1;
    const target = companies[next];
    if (!target) return;
    e.preventDefault();
    void selectCompany(target.companyId);
    document.getElementById(rowButtonId(target.companyId))?.focus();
  };

  return (
    <section className="companies" aria-labelledby="companies-title">
      <div className="companies-header">
        <h2 id="companies-title">Empresas</h2>
        <button type="button" disabled={loading} onClick={() => void loadCompanies(true)}>
          Actualizar lista
        </button>
      </div>
      <AllPauseControl />
      {warning && (
        <p className="banner warning" role="alert">
          {warning}
        </p>
      )}
      <div className="grid-frame">
        <table className="companies-grid">
          <thead>
            <tr>
              <th scope="col">Empresa</th>
              <th scope="col" className="sync-col">
                Sincronizar
              </th>
            </tr>
          </thead>
          <tbody>
            {companies.map((c, i) => {
              const selected = c.companyId === selectedId;
              const sync = currentDraft({ drafts, saved }, c.companyId)?.sync ?? c.sync;
              return (
                <tr key={c.companyId} className={`${selected ? 'selected' : ''} ${c.missing ? 'missing' : ''}`}>
                  <td>
                    <button
                      type="button"
                      id={rowButtonId(c.companyId)}
                      className="row-button"
                      aria-current={selected ? 'true' : undefined}
                      onClick={() => void selectCompany(c.companyId)}
                      onKeyDown={(e) => onRowKey(e, i)}
                    >
                      <span className="company-name">{c.name}</span>
                      {dirty.has(c.companyId) && <span className="tag pending">Cambios sin guardar</span>}
                      {c.missing && <span className="tag missing">No se encontró en el ERP</span>}
                      {c.health === 'review' && (
                        <span
                          className="tag health-review"
                          title="La última sincronización retuvo bajas: revíselas y elija Aplicar o Descartar."
                        >
                          Requiere revisión
                        </span>
                      )}
                      {connectionId !== null && <PausedTag connectionId={connectionId} companyId={c.companyId} />}
                      {c.health === 'failing' && (
                        <span
                          className="tag health-failing"
                          title="Las últimas sincronizaciones de esta empresa fallaron."
                        >
                          Fallando
                        </span>
                      )}
                      {c.health === 'stale' && (
                        <span className="tag health-stale" title="No se ha sincronizado con éxito en dos periodos.">
                          Sin sincronizar
                        </span>
                      )}
                    </button>
                  </td>
                  <td className="sync-col">
                    <input
                      type="checkbox"
                      aria-label={`Sincronizar ${c.name}`}
                      checked={sync}
                      onChange={() => void toggleSync(c.companyId)}
                    />
                  </td>
                </tr>
              );
            })}
            {companies.length === 0 && (
              <tr>
                <td colSpan={2} className="empty">
                  {loading ? 'Leyendo empresas…' : 'No se encontraron empresas en esta conexión.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const rowButtonId = (companyId: string): string => `company-row-${companyId}`;
