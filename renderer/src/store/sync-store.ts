import { create } from 'zustand';
import type { RunView, SyncProgressView, SyncStatus } from '../../../shared/ipc-contract';
import { errorText } from '../format';
import { isMonitor } from './app-store';
import { dirtyCompanyIds, useConsole } from './console-store';
import { openModal, showMessage } from './modal-store';

/**
 * *Sincronizar ahora*, *Simular* and the last run of each company. Main pushes progress and results as
 * events; getSyncStatus is the truth whenever the page (re)looks at a company.
 */

export interface CompanySync {
  running: boolean;
  progress: SyncProgressView | null;
  lastRun: RunView | null;
  /** A simulation (dry run) of this company is in progress: its progress is not a real sync. */
  simulating: boolean;
  /**
   * Monitor mode: *Sincronizar ahora* was sent as a request to the process that runs the sync; its
   * answer ("Sincronización solicitada al servicio…") until that run ends.
   */
  requested: string | null;
}

interface SyncState {
  companies: Record<string, CompanySync>;
  askResendAll(connectionId: number, companyId: string): void;

  refresh(connectionId: number, companyId: string): Promise<void>;
  syncNow(connectionId: number, companyId: string): Promise<void>;
  /** *Reenviar todo a la tienda* (after the user confirmed): a full run. */
  resendAll(connectionId: number, companyId: string): Promise<void>;
  simulate(connectionId: number, companyId: string): Promise<void>;
  applyProgress(p: SyncProgressView): void;
  applyFinished(run: RunView): void;
}

export const syncKey = (connectionId: number, companyId: string): string => `${connectionId}/${companyId}`;

const EMPTY: CompanySync = { running: false, progress: null, lastRun: null, simulating: false, requested: null };

/** How often a requested run is looked for, and for how long, when no relayed event reports it. */
const REQUEST_POLL_MS = 1500;
const REQUEST_WATCH_MS = 120_000;
const requestWatches = new Map<string, ReturnType<typeof setInterval>>();

export const UNSAVED_BEFORE_SYNC = (name: string): string[] => [
  `Hay cambios sin guardar en la configuración de «${name}».`,
  'Haga clic en Aceptar para guardarlos antes de sincronizar (o en Cancelar para descartarlos).',
];

/** Only the answer of the latest getSyncStatus per company counts (an older one may arrive later). */
const refreshSeq = new Map<string, number>();

const companyName = (companyId: string): string =>
  useConsole.getState().companies.find((c) => c.companyId === companyId)?.name ?? companyId;

export const useSync = create<SyncState>()((set, get) => {
  const patch = (key: string, change: Partial<CompanySync>): void =>
    set((s) => ({ companies: { ...s.companies, [key]: { ...EMPTY, ...s.companies[key], ...change } } }));

  /** *Sincronizar ahora* and *Reenviar todo*: the same start, progress and monitor-mode request handling. */
  const start = async (
    connectionId: number,
    companyId: string,
    call: () => Promise<{ started: boolean; message: string }>,
  ): Promise<void> => {
    const key = syncKey(connectionId, companyId);
    const consoleState = useConsole.getState();
    if (dirtyCompanyIds(consoleState).includes(companyId)) {
      showMessage('error', UNSAVED_BEFORE_SYNC(companyName(companyId)));
      return;
    }
    const current = get().companies[key];
    if (current?.running || current?.requested) return;
    patch(key, { running: true, progress: null, simulating: false });
    try {
      const result = await call();
      if (!result.started) showMessage('info', [result.message]);
      else if (isMonitor()) {
        // Another process runs the sync: it picks the request up within a second or two.
        patch(key, { requested: result.message });
        watchRequest(connectionId, companyId, current?.lastRun?.runId ?? null);
      }
    } catch (err) {
      patch(key, { running: false, progress: null });
      showMessage('error', ['No se inició la sincronización.', errorText(err)]);
    }
    await get().refresh(connectionId, companyId);
  };

  return {
    companies: {},

    askResendAll(connectionId, companyId) {
      openModal('resend', { connectionId, companyId, companyName: companyName(companyId) });
    },

    async refresh(connectionId, companyId) {
      const key = syncKey(connectionId, companyId);
      const seq = (refreshSeq.get(key) ?? 0) + 1;
      refreshSeq.set(key, seq);
      let status: SyncStatus;
      try {
        status = await window.api.getSyncStatus({ connectionId, companyId });
      } catch {
        return; // The panel keeps what it had; the next event or selection tries again.
      }
      if (refreshSeq.get(key) !== seq) return;
      const known = get().companies[key]?.lastRun;
      // The run just pushed by syncFinished also lists the catalogs this ERP lacks; history keeps the rest.
      const lastRun =
        known && status.lastRun && known.runId === status.lastRun.runId && !status.running ? known : status.lastRun;
      patch(key, { running: status.running, progress: status.running ? status.progress : null, lastRun });
    },

    async syncNow(connectionId, companyId) {
      await start(connectionId, companyId, () => window.api.syncNow({ connectionId, companyId }));
    },

    async resendAll(connectionId, companyId) {
      await start(connectionId, companyId, () => window.api.resendAll({ connectionId, companyId }));
    },

    async simulate(connectionId, companyId) {
      const key = syncKey(connectionId, companyId);
      if (get().companies[key]?.running) return;
      patch(key, { running: true, progress: null, simulating: true });
      try {
        const run = await window.api.dryRun({ connectionId, companyId });
        openModal('simulation', { companyName: run.companyName || companyName(companyId), run });
      } catch (err) {
        showMessage('error', ['No se pudo simular la sincronización.', errorText(err)]);
      } finally {
        patch(key, { running: false, progress: null, simulating: false });
      }
      await get().refresh(connectionId, companyId);
    },

    applyProgress(p) {
      patch(syncKey(p.connectionId, p.companyId), { running: true, progress: p });
    },

    applyFinished(run) {
      const key = syncKey(run.connectionId, run.companyId);
      stopWatching(key);
      patch(key, { running: false, progress: null, simulating: false, requested: null, lastRun: run });
      void get().refresh(run.connectionId, run.companyId);
      // A company flagged "Fallando" / "Sin sincronizar" in the grid may have recovered: re-read its health.
      const c = useConsole.getState();
      const flagged = c.companies.find((x) => x.companyId === run.companyId)?.health;
      if (
        c.connectionId === run.connectionId &&
        (flagged === 'failing' || flagged === 'stale' || run.state === 'failed')
      ) {
        void c.loadCompanies();
      }
    },
  };
});

function stopWatching(key: string): void {
  const timer = requestWatches.get(key);
  if (timer !== undefined) clearInterval(timer);
  requestWatches.delete(key);
}

/**
 * Monitor mode: the holder's finished runs are relayed as syncFinished, but one that starts and ends between
 * two of the monitor's polls is not; so until a run newer than `previousRunId` has ended, re-read the status.
 */
function watchRequest(connectionId: number, companyId: string, previousRunId: number | null): void {
  const key = syncKey(connectionId, companyId);
  stopWatching(key);
  const since = Date.now();
  const timer = setInterval(() => {
    void (async () => {
      const store = useSync.getState();
      await store.refresh(connectionId, companyId);
      const entry = useSync.getState().companies[key];
      if (!entry?.requested) return stopWatching(key);
      const ended =
        entry.lastRun && entry.lastRun.runId !== previousRunId && entry.lastRun.state !== 'running' && !entry.running;
      if (ended || Date.now() - since > REQUEST_WATCH_MS) {
        stopWatching(key);
        useSync.setState((s) => ({
          companies: { ...s.companies, [key]: { ...EMPTY, ...s.companies[key], requested: null } },
        }));
      }
    })();
  }, REQUEST_POLL_MS);
  requestWatches.set(key, timer);
}

/** Subscribes the store to main's pushes; returns the unsubscribe. */
export function subscribeToSyncEvents(): () => void {
  const { applyProgress, applyFinished } = useSync.getState();
  const offProgress = window.api.onSyncProgress(applyProgress);
  const offFinished = window.api.onSyncFinished(applyFinished);
  return () => {
    offProgress();
    offFinished();
  };
}
