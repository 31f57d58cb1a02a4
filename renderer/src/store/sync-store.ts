import { create } from 'zustand';
import type { RunView, SyncProgressView, SyncStatus } from '../../../shared/ipc-contract';
import { errorText } from '../format';
import { cachedSyncStatus, patchSyncStatus, refreshSyncStatus } from '../queries/sync-status';
import { isMonitor } from './app-store';
import { dirtyCompanyIds, useConsole } from './console-store';
import { openModal, showMessage } from './modal-store';

/**
 * *Sincronizar ahora*, *Reenviar todo* and *Simular*. What main knows of each company's runs lives in the query
 * cache (`queries/sync-status.ts`); this store keeps only what the page itself started and main does not report.
 */

/**
 * Monitor mode: *Sincronizar ahora* was sent as a request to the process that runs the sync; its answer
 * ("Sincronización solicitada al servicio…") shows until a run newer than `previousRunId` ends.
 */
export interface SyncRequest {
  message: string;
  previousRunId: number | null;
}

interface SyncState {
  requests: Record<string, SyncRequest>;
  /** Companies whose simulation (dry run) is in progress: their progress is not a real sync. */
  simulating: Record<string, true>;

  askResendAll(connectionId: number, companyId: string): void;
  syncNow(connectionId: number, companyId: string): Promise<void>;
  /** *Reenviar todo a la tienda* (after the user confirmed): a full run. */
  resendAll(connectionId: number, companyId: string): Promise<void>;
  simulate(connectionId: number, companyId: string): Promise<void>;
  applyProgress(p: SyncProgressView): void;
  applyFinished(run: RunView): void;
}

export const syncKey = (connectionId: number, companyId: string): string => `${connectionId}/${companyId}`;

/** How long a request waits for its run before the page stops saying so. */
const REQUEST_WATCH_MS = 120_000;

/** The request still waiting for its run, given what main last said of the company. */
export function pendingRequest(request: SyncRequest | undefined, status: SyncStatus | undefined): string | null {
  if (!request) return null;
  const run = status?.lastRun;
  const ended = run && run.runId !== request.previousRunId && run.state !== 'running' && !status.running;
  return ended ? null : request.message;
}

export const UNSAVED_BEFORE_SYNC = (name: string): string[] => [
  `Hay cambios sin guardar en la configuración de «${name}».`,
  'Haga clic en Aceptar para guardarlos antes de sincronizar (o en Cancelar para descartarlos).',
];

const companyName = (companyId: string): string =>
  useConsole.getState().companies.find((c) => c.companyId === companyId)?.name ?? companyId;

const without = <T>(map: Record<string, T>, key: string): Record<string, T> => {
  const rest = { ...map };
  delete rest[key];
  return rest;
};

export const useSync = create<SyncState>()((set, get) => {
  const dropRequest = (key: string): void => set((s) => ({ requests: without(s.requests, key) }));

  /** *Sincronizar ahora* and *Reenviar todo*: the same start, progress and monitor-mode request handling. */
  const start = async (
    connectionId: number,
    companyId: string,
    call: () => Promise<{ started: boolean; message: string }>,
  ): Promise<void> => {
    const key = syncKey(connectionId, companyId);
    const status = cachedSyncStatus(connectionId, companyId);
    if (dirtyCompanyIds(useConsole.getState()).includes(companyId)) {
      showMessage('error', UNSAVED_BEFORE_SYNC(companyName(companyId)));
      return;
    }
    if (status?.running || pendingRequest(get().requests[key], status)) return;
    patchSyncStatus(connectionId, companyId, { running: true, progress: null });
    set((s) => ({ simulating: without(s.simulating, key) }));
    try {
      const result = await call();
      if (!result.started) showMessage('info', [result.message]);
      else if (isMonitor()) {
        // Another process runs the sync: it picks the request up within a second or two (the status polls).
        const request = { message: result.message, previousRunId: status?.lastRun?.runId ?? null };
        set((s) => ({ requests: { ...s.requests, [key]: request } }));
        setTimeout(() => {
          if (get().requests[key] === request) dropRequest(key);
        }, REQUEST_WATCH_MS);
      }
    } catch (err) {
      patchSyncStatus(connectionId, companyId, { running: false, progress: null });
      showMessage('error', ['No se inició la sincronización.', errorText(err)]);
    }
    await refreshSyncStatus(connectionId, companyId);
  };

  return {
    requests: {},
    simulating: {},

    askResendAll(connectionId, companyId) {
      openModal('resend', { connectionId, companyId, companyName: companyName(companyId) });
    },

    async syncNow(connectionId, companyId) {
      await start(connectionId, companyId, () => window.api.syncNow({ connectionId, companyId }));
    },

    async resendAll(connectionId, companyId) {
      await start(connectionId, companyId, () => window.api.resendAll({ connectionId, companyId }));
    },

    async simulate(connectionId, companyId) {
      const key = syncKey(connectionId, companyId);
      if (cachedSyncStatus(connectionId, companyId)?.running) return;
      patchSyncStatus(connectionId, companyId, { running: true, progress: null });
      set((s) => ({ simulating: { ...s.simulating, [key]: true } }));
      try {
        const run = await window.api.dryRun({ connectionId, companyId });
        openModal('simulation', { companyName: run.companyName || companyName(companyId), run });
      } catch (err) {
        showMessage('error', ['No se pudo simular la sincronización.', errorText(err)]);
      } finally {
        patchSyncStatus(connectionId, companyId, { running: false, progress: null });
        set((s) => ({ simulating: without(s.simulating, key) }));
      }
      await refreshSyncStatus(connectionId, companyId);
    },

    applyProgress(p) {
      patchSyncStatus(p.connectionId, p.companyId, { running: true, progress: p });
    },

    applyFinished(run) {
      const key = syncKey(run.connectionId, run.companyId);
      dropRequest(key);
      set((s) => ({ simulating: without(s.simulating, key) }));
      patchSyncStatus(run.connectionId, run.companyId, { running: false, progress: null, lastRun: run });
      void refreshSyncStatus(run.connectionId, run.companyId);
      // A company flagged "Fallando" / "Sin sincronizar" / "Requiere revisión" in the grid may have recovered: re-read its health.
      const c = useConsole.getState();
      const flagged = c.companies.find((x) => x.companyId === run.companyId)?.health;
      if (
        c.connectionId === run.connectionId &&
        (flagged === 'failing' ||
          flagged === 'stale' ||
          flagged === 'review' ||
          run.state === 'failed' ||
          run.state === 'review')
      ) {
        void c.loadCompanies();
      }
    },
  };
});

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
