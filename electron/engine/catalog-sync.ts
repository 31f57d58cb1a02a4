import type { CatalogName } from '../../shared/catalogs';
import type { BlockChecksum, CatalogSource } from '../erp/catalog-source';
import type { StoreClient } from '../store/port';
import { BatchPusher } from './batch-pusher';
import { contentHash } from './content-hash';
import { applyFieldToggles, projectionOf, type FieldToggles } from './field-toggles';
import type { SyncStateRepo } from './sync-state-repo';
import type { Scope } from '../core/scope';
import { judgeDeactivations, type DeactivationLimits, type HoldVerdict } from './deactivation-guard';
import type { HeldKey } from './held-deactivations-repo';
import { timeSlicer } from './yield-slices';
import { eachUntilAborted, untilAborted } from './watchdog';
import { applyStockRule, DEFAULT_STOCK_RULE, stockProjection, type StockRule } from './sellable-stock';

export interface CatalogCounts {
  read: number;
  pushed: number;
  unchanged: number;
  deleted: number;
  failed: number;
}

export interface CatalogOutcome extends CatalogCounts {
  catalog: CatalogName;
  /** Records the ERP has for this catalog (from the block checksums), whether read or not. */
  checked: number;
  state: 'success' | 'partial' | 'failed';
  message: string | null;
  /** The store could not be reached or refused a whole batch: later catalogs would fail the same way. */
  storeDown: boolean;
  /** Dry run: a few keys that would be pushed or deactivated. */
  samples: string[];
  /** Deactivations not sent because they need a person's approval (their blocks stay open). */
  held: { verdict: HoldVerdict; keys: HeldKey[] } | null;
  /** The pass read to the end, so its deactivations were judged (and a previous held set is out of date). */
  judged: boolean;
}

export interface CatalogSyncDeps {
  scope: Scope;
  catalog: CatalogName;
  source: CatalogSource;
  /** null = dry run. */
  store: StoreClient | null;
  state: SyncStateRepo;
  toggles: FieldToggles;
  /** Sellable stock (negative as 0, safety buffer); absent: the defaults. */
  stockRule?: StockRule;
  pushBatchSize: number;
  readBatchSize: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** `data`: the record the store rejected, when there is one (for the event's excerpt). */
  onRecordError: (key: string | null, message: string, data?: unknown) => void;
  /**
   * Keys never published (the freight article and its prices/stock). They are skipped when read,
   * and a key the store already has is deactivated even when its block did not change.
   */
  exclude?: (key: string) => boolean;
  /** Above these, the catalog's deactivations are held instead of sent; absent: never held. */
  deactivationLimits?: DeactivationLimits;
  /** Keys a person approved to deactivate (*Aplicar*): sent without the check, if the ERP still lacks them. */
  approved?: ReadonlySet<string>;
}

const checksumText = (c: BlockChecksum): string => `${c.count}:${c.checksum}`;

/**
 * One catalog of one company: find the blocks whose ERP checksum moved, stream their rows in block order,
 * push records whose content hash differs from what the store last accepted, deactivate keys that are gone,
 * then remember the checksums of the blocks that went through completely. Crash-safe: the per-key state
 * advances batch by batch after the store accepted it, and block checksums only at the end, so an
 * interrupted pass re-reads its blocks and pushes only what is still missing.
 */
export async function syncCatalog(d: CatalogSyncDeps): Promise<CatalogOutcome> {
  // Under the run's signal: a stopped run stops waiting for the ERP at once (the source is closed on abort).
  const current = await untilAborted(d.source.checksums(d.catalog), d.signal);
  const stockRule = d.stockRule ?? DEFAULT_STOCK_RULE;
  const projection = projectionOf(d.catalog, d.toggles) + stockProjection(d.catalog, stockRule);
  if (d.store && d.state.projection(d.scope, d.catalog) !== projection) {
    // Other fields are sent now: forget the block checksums so every block is compared again.
    d.state.resetProjection(d.scope, d.catalog, projection);
  }
  const previous =
    d.state.projection(d.scope, d.catalog) === projection
      ? d.state.blockChecksums(d.scope, d.catalog)
      : new Map<number, string>();
  const recordBlocks = d.state.recordBlocks(d.scope, d.catalog);
  const firstPass = previous.size === 0 && recordBlocks.size === 0;
  const changed = [...current]
    .filter(([b, c]) => previous.get(b) !== checksumText(c))
    .map(([b]) => b)
    .sort((a, b) => a - b);
  const vanished = [...new Set([...previous.keys(), ...recordBlocks])]
    .filter((b) => !current.has(b))
    .sort((a, b) => a - b);
  const total = changed.reduce((n, b) => n + (current.get(b)?.count ?? 0), 0);
  const checked = [...current.values()].reduce((n, c) => n + c.count, 0);
  const storeHolds = d.deactivationLimits ? d.state.recordCount(d.scope, d.catalog) : 0;

  let read = 0;
  let unchanged = 0;
  const pusher = new BatchPusher({
    scope: d.scope,
    catalog: d.catalog,
    store: d.store,
    state: d.state,
    batchSize: d.pushBatchSize,
    signal: d.signal,
    onRecordError: d.onRecordError,
  });

  const maybeYield = timeSlicer();
  const closed = new Set<number>();
  // Deactivations wait for the end of the pass: they are judged together, and a key read in another block (its
  // row was re-created with another id) is not one.
  const deactivations: HeldKey[] = [];
  const seen = new Set<string>();
  let held: CatalogOutcome['held'] = null;
  try {
    let open: { block: number; hashes: Map<string, string>; seen: Set<string> } | null = null;
    const closeOpenBlock = async (): Promise<void> => {
      if (!open) return;
      closed.add(open.block);
      for (const key of open.hashes.keys()) if (!open.seen.has(key)) deactivations.push({ key, block: open.block });
      open = null;
    };

    if (changed.length > 0) {
      const blocks = firstPass ? undefined : changed;
      const batches = d.source.read(d.catalog, { blocks, batchSize: d.readBatchSize });
      for await (const batch of eachUntilAborted(batches, d.signal)) {
        d.signal?.throwIfAborted();
        for (const rec of batch) {
          const pause = maybeYield();
          if (pause) await pause;
          if (!open || open.block !== rec.block) {
            await closeOpenBlock();
            if (closed.has(rec.block))
              throw new Error(`El ERP devolvió el bloque ${rec.block} de ${d.catalog} fuera de orden.`);
            open = {
              block: rec.block,
              hashes: firstPass ? new Map() : d.state.blockHashes(d.scope, d.catalog, rec.block),
              seen: new Set(),
            };
          }
          read++;
          if (d.exclude?.(rec.key)) continue; // not seen: closing the block deactivates it if the store has it
          // A first pass has nothing to deactivate, so it keeps no keys (at 500,000 stock rows, tens of MB).
          if (!firstPass) {
            open.seen.add(rec.key);
            seen.add(rec.key);
          }
          const data = applyStockRule(d.catalog, applyFieldToggles(d.catalog, rec.data, d.toggles), stockRule);
          const hash = contentHash(data);
          if (open.hashes.get(rec.key) === hash) unchanged++;
          else await pusher.upsert({ key: rec.key, block: rec.block, data, hash });
        }
        d.onProgress?.(read, total);
      }
      await closeOpenBlock();
    }
    // Blocks gone from the ERP, and changed blocks that came back empty (rows left only in joined tables):
    // every key the store has for them is deactivated.
    const emptied = changed.filter((b) => !closed.has(b));
    for (const b of [...vanished, ...emptied]) {
      for (const key of d.state.blockHashes(d.scope, d.catalog, b).keys()) deactivations.push({ key, block: b });
    }
    if (d.exclude) {
      // Excluded keys pushed before (e.g. an article chosen as freight article later) in untouched blocks.
      const untouched = [...recordBlocks].filter((b) => current.has(b) && !changed.includes(b)).sort((a, b) => a - b);
      for (const b of untouched) {
        for (const key of d.state.blockHashes(d.scope, d.catalog, b).keys())
          if (d.exclude(key)) deactivations.push({ key, block: b });
      }
    }
    held = await sendDeactivations(
      d,
      pusher,
      deactivations.filter((k) => !seen.has(k.key)),
      storeHolds,
      checked,
    );
    await pusher.finish();
  } catch (err) {
    await pusher.finish().catch(() => undefined);
    const counts = { read, unchanged, ...pusher.counts };
    const pushedSome = counts.pushed + counts.deleted > 0;
    const message = err instanceof Error ? err.message : String(err);
    return {
      catalog: d.catalog,
      checked,
      ...counts,
      state: pushedSome ? 'partial' : 'failed',
      message,
      storeDown: pusher.fatal !== null,
      samples: pusher.samples,
      held: null,
      judged: held !== null,
    };
  }

  if (d.store) {
    // A block with held deactivations stays uncommitted, so the next run looks at it again.
    const heldBlocks = new Set(held?.keys.map((k) => k.block));
    const open = (b: number) => pusher.failedBlocks.has(b) || heldBlocks.has(b);
    const done = new Map(changed.filter((b) => !open(b)).map((b) => [b, checksumText(current.get(b)!)]));
    d.state.commitBlocks(
      d.scope,
      d.catalog,
      done,
      vanished.filter((b) => !open(b)),
    );
  }
  const counts = { read, unchanged, ...pusher.counts };
  return {
    catalog: d.catalog,
    checked,
    ...counts,
    state: counts.failed > 0 ? 'partial' : 'success',
    message: counts.failed > 0 ? `${counts.failed} registros rechazados por la tienda.` : null,
    storeDown: false,
    samples: pusher.samples,
    held,
    judged: true,
  };
}

/** Sends the deactivations the limits allow (and those a person approved); returns what was held back. */
async function sendDeactivations(
  d: CatalogSyncDeps,
  pusher: BatchPusher,
  keys: HeldKey[],
  storeHolds: number,
  erpCount: number,
): Promise<CatalogOutcome['held']> {
  const approved = keys.filter((k) => d.approved?.has(k.key));
  const rest = d.approved ? keys.filter((k) => !d.approved!.has(k.key)) : keys;
  const verdict = d.deactivationLimits
    ? judgeDeactivations(rest.length, storeHolds, erpCount, d.deactivationLimits)
    : null;
  for (const k of verdict ? approved : keys) await pusher.delete(k.key, k.block);
  return verdict ? { verdict, keys: rest } : null;
}
