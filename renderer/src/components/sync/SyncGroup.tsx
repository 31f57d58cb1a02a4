import { dirtyCompanyIds, useConsole } from '../../store/console-store';
import { useSync } from '../../store/sync-store';
import { useCompanySync } from '../../store/use-company-sync';
import { GroupBox } from '../GroupBox';
import { HeldWarning } from '../held/HeldWarning';
import { LastRunView } from './LastRunView';
import { SyncProgressBar } from './SyncProgressBar';
import { CompanyPauseControl } from '../pause/CompanyPauseControl';

/** *Sincronizar manualmente* for the selected company, its progress and its last run. */
export function SyncGroup({ companyId }: { companyId: string }) {
  const connectionId = useConsole((s) => s.connectionId);
  const dirty = useConsole((s) => dirtyCompanyIds(s).includes(companyId));
  const entry = useCompanySync(connectionId, companyId);
  const syncNow = useSync((s) => s.syncNow);
  const simulate = useSync((s) => s.simulate);
  const askResendAll = useSync((s) => s.askResendAll);
  const companyName = useConsole((s) => s.companies.find((c) => c.companyId === companyId)?.name ?? companyId);

  if (connectionId === null) return null;
  const running = entry?.running ?? false;
  const requested = entry?.requested ?? null;
  const lastRun = entry?.lastRun ?? null;

  return (
    <GroupBox title="Sincronización" className="sync-group">
      <div className="sync-actions">
        <button
          type="button"
          disabled={running || requested !== null}
          onClick={() => void syncNow(connectionId, companyId)}
        >
          Sincronizar ahora
        </button>
        <button type="button" disabled={running} onClick={() => void simulate(connectionId, companyId)}>
          Simular (sin enviar)
        </button>
        <button
          type="button"
          disabled={running || requested !== null}
          onClick={() => askResendAll(connectionId, companyId)}
        >
          Reenviar todo a la tienda…
        </button>
      </div>

      <CompanyPauseControl connectionId={connectionId} companyId={companyId} />

      {dirty && !running && (
        <p className="hint warning-text" role="note">
          Hay cambios sin guardar: haga clic en Aceptar antes de sincronizar.
        </p>
      )}
      {requested && !running && (
        <p className="sync-request" role="status" data-testid="sync-request">
          {requested} Esperando a que la inicie…
        </p>
      )}
      {!running && <HeldWarning connectionId={connectionId} companyId={companyId} companyName={companyName} />}
      {running && <SyncProgressBar progress={entry?.progress ?? null} simulating={entry?.simulating ?? false} />}
      {lastRun ? (
        <LastRunView run={lastRun} />
      ) : (
        entry && !running && !requested && <p className="hint">Esta empresa todavía no se ha sincronizado.</p>
      )}
    </GroupBox>
  );
}
