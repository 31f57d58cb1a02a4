import { CATALOGS, CATALOG_LABELS, notInThisErp, type CatalogName } from '../../shared/catalogs';
import { ErpError, type SyncableErp } from '../erp/port';
import type { CatalogSource } from '../erp/catalog-source';
import type { StoreClient } from '../store/port';
import type { EventLog, NewEvent } from '../events/event-log';
import { syncCatalog } from './catalog-sync';
import type { FieldToggles } from './field-toggles';
import type { StockRule } from './sellable-stock';
import { RUN_ERROR_CAP, type RunHistoryRepo, type RunState, type RunTrigger } from './run-history-repo';
import type { SyncStateRepo } from './sync-state-repo';
import type { Scope } from '../core/scope';
import { SYNC_CATEGORY, describeRun } from './run-messages';
import type { DestinationRepo } from './destination-repo';
import type { SettingsDb } from '../settings/database';
import type { StoredCompanySettings } from '../settings/company-settings-repo';
import { PHASES } from './phases';
import type { Phase, PhaseContext, PhaseReport, PhaseRun } from './phases/phase';
import type { CatalogReport, RunSummary, SyncProgress } from './run-report';
import { describeHold, type DeactivationLimits } from './deactivation-guard';
import type { HeldDeactivationsRepo } from './held-deactivations-repo';
import { RunStalledError, untilAborted } from './watchdog';

export interface CompanyRunDeps {
  scope: Scope;
  companyName: string;
  trigger: RunTrigger;
  dryRun: boolean;
  erp: SyncableErp;
  store: StoreClient | null;
  state: SyncStateRepo;
  history: RunHistoryRepo;
  events: Pick<EventLog, 'record'>;
  toggles: FieldToggles;
  stockRule?: StockRule;
  catalogs?: readonly CatalogName[];
  pushBatchSize: number;
  readBatchSize: number;
  signal?: AbortSignal;
  onProgress?: (p: SyncProgress) => void;
  /** A step began (a catalog, a phase): progress for the watchdog, besides onProgress and events. */
  onActivity?: () => void;
  /** The freight article is never shown as a product (nor its prices or stock). */
  freightArticleId?: string | null;
  /** What the inbound phases build on: the company's saved settings and the settings database. None: no phase runs. */
  inbound?: { settings: StoredCompanySettings; db: SettingsDb; now: () => string } | null;
  /** Which store the sync state belongs to; checked against the store's identity before anything is pushed. */
  destinations: DestinationRepo;
  /** *Reenviar todo a la tienda* / `sync --full`: forget what was pushed, so every record goes again. */
  full?: boolean;
  /** Mass deactivations are held for a person (docs/held-deactivations.md); absent: never held. */
  deactivations?: {
    limits: DeactivationLimits;
    held: HeldDeactivationsRepo;
    /** *Aplicar*: the held keys of these catalogs go without the check. */
    approved?: Partial<Record<CatalogName, ReadonlySet<string>>>;
  };
}

const ARTICLE_KEYED = new Set<CatalogName>(['articles', 'stock', 'article-prices']);

/** Records carrying a CFDI XML (tens of KB each) go in smaller batches, so one request stays a few MB. */
const PUSH_BATCH_LIMITS: Partial<Record<CatalogName, number>> = { invoices: 50 };

/** For the catalogs keyed by article (`id` or `id:…`), a filter that drops the freight article. */
export function freightExclusion(
  catalog: CatalogName,
  freightArticleId: string | null | undefined,
): ((key: string) => boolean) | undefined {
  if (!freightArticleId || !ARTICLE_KEYED.has(catalog)) return undefined;
  return (key) => key === freightArticleId || key.startsWith(`${freightArticleId}:`);
}

const emptyReport = (catalog: CatalogName, message: string): CatalogReport => ({
  catalog,
  state: 'skipped',
  checked: 0,
  read: 0,
  pushed: 0,
  unchanged: 0,
  deleted: 0,
  failed: 0,
  message,
  storeDown: false,
  samples: [],
  held: null,
  judged: false,
});

/**
 * One run of one company: its catalogs (ERP → store), then each enabled inbound phase (store → ERP), recorded in
 * the history with an event at start and end.
 */
export async function runCompanyPass(d: CompanyRunDeps, phases: readonly Phase[] = PHASES): Promise<RunSummary> {
  // Closed whatever happens inside (a settings-database write that fails mid-run): never leak the ERP attachment.
  const open: OpenSource = { source: null, runId: null, finished: false };
  try {
    return await companyPass(d, phases, open);
  } catch (err) {
    // Stopped or broken mid-pass (the service stopping during the store's identification, a settings write that
    // failed): the history row is closed, never left «En progreso».
    if (open.runId !== null && !open.finished) {
      const why = d.signal?.aborted ? 'la sincronización se detuvo' : err instanceof Error ? err.message : String(err);
      try {
        d.history.finish(open.runId, 'failed', `Fallida: ${why}.`);
      } catch {
        // The settings database itself is failing: the next start closes what was left running.
      }
    }
    throw err;
  } finally {
    await open.source?.close().catch(() => undefined);
  }
}

interface OpenSource {
  source: CatalogSource | null;
  runId: number | null;
  finished: boolean;
}

async function companyPass(d: CompanyRunDeps, phases: readonly Phase[], open: OpenSource): Promise<RunSummary> {
  const wanted = CATALOGS.filter((c) => !d.catalogs || d.catalogs.includes(c));
  const runId = d.dryRun ? null : d.history.start(d.scope, d.trigger);
  open.runId = runId;
  const event = (level: 'info' | 'warning' | 'error', message: string, extra: Partial<NewEvent> = {}) =>
    d.events.record({
      level,
      category: SYNC_CATEGORY,
      connectionId: d.scope.connectionId,
      companyId: d.scope.companyId,
      companyName: d.companyName,
      message,
      runId,
      trigger: d.trigger,
      ...extra,
    });
  const kind = d.dryRun
    ? 'Simulación de sincronización'
    : `Sincronización ${d.trigger === 'manual' ? 'manual' : 'automática'}`;
  event('info', `${kind} iniciada.`);

  const reports: CatalogReport[] = [];
  let source: CatalogSource | null = null;
  let abort: string | null = null;
  const notes: string[] = [];
  // Which store this is decides what the engine may take as already there (docs/wopen-api.md "Store identity").
  let storeKey: string | null = null;
  if (!d.dryRun && d.store) {
    try {
      const identity = await d.store.identify({ signal: d.signal });
      const bound = d.destinations.bind(d.scope, identity);
      storeKey = bound.storeKey;
      if (bound.kind === 'changed') {
        const note = `La tienda de destino es otra (${identity.origin}, tienda ${identity.storeId}): se envían todos los catálogos completos.`;
        notes.push(note);
        const left =
          bound.leftOpen > 0
            ? ` ${bound.leftOpen.toLocaleString('es-MX')} pedidos de la tienda anterior quedaron sin confirmar allá; no se confirmarán en esta tienda.`
            : '';
        event('warning', `${note}${left}`, {
          details: {
            antes: bound.previous,
            ahora: bound.storeKey,
            pedidosMovidos: bound.movedInbox,
            pedidosSinConfirmar: bound.leftOpen,
          },
        });
      } else if (d.full) {
        d.state.reset(d.scope);
        notes.push('Reenvío completo solicitado: se envían todos los catálogos completos.');
      }
    } catch (err) {
      if (d.signal?.aborted) throw err;
      abort = `No se pudo identificar la tienda Wopen: ${err instanceof Error ? err.message : String(err)}`;
      event('error', abort);
    }
  }
  if (!abort) {
    const opening = d.erp.openCatalogs(d.scope.companyId);
    try {
      source = await untilAborted(opening, d.signal);
      open.source = source;
    } catch (err) {
      if (d.signal?.aborted) void opening.then((late) => late.close()).catch(() => undefined);
      abort = `No se pudo leer el ERP: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  // A stopped run (the watchdog, the scheduler) closes its ERP attachment at once: that ends a query in flight.
  const closeSource = () => void source?.close().catch(() => undefined);
  d.signal?.addEventListener('abort', closeSource, { once: true });

  const skip = (report: CatalogReport) => {
    reports.push(report);
    if (runId !== null)
      d.history.recordSkipped(runId, catalog(report), report.aborted ? 'aborted' : 'unavailable', report.message ?? '');
  };
  for (const [index, catalog] of wanted.entries()) {
    if (source && !source.catalogs.includes(catalog)) {
      skip(emptyReport(catalog, 'Este ERP no tiene este catálogo.'));
      continue;
    }
    if (abort || !source) {
      skip({ ...emptyReport(catalog, abort ?? 'No se intentó.'), aborted: true });
      continue;
    }
    if (runId !== null) d.history.startCatalog(runId, catalog);
    d.onActivity?.();
    let outcome: CatalogReport;
    try {
      outcome = await syncCatalog({
        scope: d.scope,
        catalog,
        source,
        store: d.dryRun ? null : d.store,
        state: d.state,
        toggles: d.toggles,
        stockRule: d.stockRule,
        exclude: freightExclusion(catalog, d.freightArticleId),
        deactivationLimits: d.deactivations?.limits,
        approved: d.deactivations?.approved?.[catalog],
        pushBatchSize: Math.min(d.pushBatchSize, PUSH_BATCH_LIMITS[catalog] ?? Infinity),
        readBatchSize: d.readBatchSize,
        signal: d.signal,
        onProgress: (done, total) =>
          d.onProgress?.({ ...d.scope, catalog, catalogIndex: index, catalogCount: wanted.length, done, total }),
        onRecordError: (key, message, data) => {
          if (runId === null) return;
          // One event per kept error (rejected record, or failed batch when key is null), with a redacted excerpt;
          // beyond the cap the run only counts them (one summary event at the end).
          if (!d.history.recordError(runId, catalog, key, 'push', message)) return;
          event('error', `${CATALOG_LABELS[catalog]}${key === null ? '' : ` ${key}`}: ${message}`, {
            catalog,
            recordKey: key,
            details: data === undefined ? undefined : { registro: excerptRecord(data) },
          });
        },
      });
    } catch (err) {
      // Reading the ERP failed before any row. If the ERP still answers, it was this catalog's own problem (its
      // SQL, an object this database lacks): the later, unrelated catalogs go on. Otherwise the ERP is gone.
      const stillThere = !d.signal?.aborted && (await source.alive?.().catch(() => false)) === true;
      const missing = stillThere && err instanceof ErpError && err.missingObject ? err.missingObject : null;
      if (missing) {
        // This database lacks what the catalog reads (an edition or version without it): not available, not failed.
        const text = notInThisErp(missing);
        if (runId !== null) d.history.endCatalog(runId, { ...emptyReport(catalog, text), state: 'unavailable' });
        reports.push(emptyReport(catalog, text));
        event('warning', `${CATALOG_LABELS[catalog]}: ${text}`, { catalog });
        continue;
      }
      const message = `No se pudo leer ${CATALOG_LABELS[catalog]} del ERP: ${err instanceof Error ? err.message : String(err)}${stillThere ? ' Los demás catálogos siguen.' : ''}`;
      outcome = { ...emptyReport(catalog, message), state: 'failed' };
      if (runId !== null) {
        d.history.recordError(runId, catalog, null, 'read', message);
        event('error', message, { catalog });
      }
      if (!stillThere) abort = 'No se intentó: el ERP no respondió en un catálogo anterior.';
    }
    const held = outcome.held;
    if (held) {
      const text = describeHold(CATALOG_LABELS[catalog], held.verdict);
      outcome = { ...outcome, message: outcome.message ? `${outcome.message} ${text}` : text };
      event('warning', text, {
        catalog,
        details: {
          motivo: held.verdict.reason === 'emptied' ? 'catálogo vacío en el ERP' : 'umbral de bajas',
          bajasRetenidas: held.verdict.held,
          registrosEnLaTienda: held.verdict.storeHolds,
          registrosEnElErp: held.verdict.erpCount,
          muestra: held.keys.slice(0, 10).map((k) => k.key),
        },
      });
    }
    if (runId !== null && d.deactivations && outcome.judged)
      d.deactivations.held.replace(d.scope, catalog, held ? { runId, ...held } : null);
    if (outcome.storeDown) abort = 'No se intentó: la tienda no aceptó un catálogo anterior.';
    if (d.signal?.aborted) abort = 'No se intentó: la sincronización se detuvo.';
    if (runId !== null) d.history.endCatalog(runId, outcome);
    reports.push(outcome);
  }
  d.signal?.removeEventListener('abort', closeSource);
  open.source = null;
  await source?.close().catch(() => undefined);

  const phaseRuns: PhaseRun[] = [];
  const inboxScope = storeKey === null ? null : { ...d.scope, storeKey };
  for (const phase of phases) {
    if (!d.inbound || !inboxScope || !d.store || d.signal?.aborted || !phase.enabled(d.inbound.settings, d.erp))
      continue;
    d.onActivity?.();
    const ctx: PhaseContext = {
      scope: inboxScope,
      erp: d.erp,
      store: d.store,
      settings: d.inbound.settings,
      db: d.inbound.db,
      now: d.inbound.now,
      signal: d.signal,
      event: (e) => event(e.level, e.message, { catalog: phase.eventTag, recordKey: e.recordKey }),
    };
    const report: PhaseReport = await phase
      .run(ctx)
      .catch((err: unknown) => phase.crashed(ctx, err instanceof Error ? err.message : String(err)));
    phaseRuns.push({ phase: phase.id, ...report });
    // Skipped: this ERP cannot do it. The summary says so; the history and the journal keep only what ran.
    if (report.state === 'skipped') continue;
    if (runId !== null) d.history.recordPhase(runId, phase.id, report);
    event(report.state === 'failed' ? 'warning' : 'info', report.message, { catalog: phase.eventTag });
  }

  let state = overallState(reports);
  if (phaseRuns.some((p) => p.state === 'failed') && state === 'success') state = 'partial';
  // Stopped for making no progress: failed, whatever went through before (the watchdog's message says why).
  if (d.signal?.reason instanceof RunStalledError) state = 'failed';
  const extra = phaseRuns.filter((p) => p.state !== 'skipped').map((p) => p.message);
  const message = [...notes, describeRun(reports, state, d.dryRun), ...extra].join(' ');
  const omitted = runId === null ? 0 : d.history.omittedErrors(runId);
  if (omitted > 0)
    event(
      'warning',
      `Y ${omitted.toLocaleString('es-MX')} errores más por registro: se guardan los primeros ${RUN_ERROR_CAP} de cada sincronización.`,
    );
  if (runId !== null) d.history.finish(runId, state, message);
  open.finished = true;
  event(state === 'success' ? 'info' : state === 'failed' ? 'error' : 'warning', `${kind} terminada: ${message}`);
  return {
    runId,
    ...d.scope,
    companyName: d.companyName,
    trigger: d.trigger,
    dryRun: d.dryRun,
    state,
    message,
    catalogs: reports,
    phases: phaseRuns,
  };
}

/**
 * Review when deactivations wait for a person (it says more than partial or failed would); success only if every
 * available catalog went through; failed when nothing reached the store.
 */
function overallState(reports: CatalogReport[]): Exclude<RunState, 'running'> {
  if (reports.some((r) => r.held)) return 'review';
  const bad = reports.some((r) => r.state === 'failed' || r.state === 'partial' || r.aborted);
  if (!bad) return 'success';
  return reports.some((r) => r.pushed + r.deleted > 0) ? 'partial' : 'failed';
}

const catalog = (r: CatalogReport): CatalogName => r.catalog;

/** At most ~2 KB of a rejected record for its event (redacted when the event is written). */
function excerptRecord(data: unknown): unknown {
  const text = JSON.stringify(data) ?? '';
  return text.length <= 2048 ? data : `${text.slice(0, 2048)}…`;
}
