import { storePages } from '../../store-pages';
import type { StorePage } from '../../../store/port';
import type { InboxRepo, InboxScope } from './inbox-repo';
import type { ImportLock } from './import-lock';

/** Stops the pass: the ERP or the store is down (or the lock was lost), further documents would fail the same way. */
export class PassStopped extends Error {}

export const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** What one inbound flow brings to the shared loop: its store list, its reports and how it settles a row. */
export interface SettleFlow<Doc extends { id: string }, Row extends { state: string; attempts: number }> {
  scope: InboxScope;
  inbox: InboxRepo<Doc, Row>;
  lock: ImportLock;
  lockLeaseMs?: number;
  signal?: AbortSignal;
  /** One page of the store's pending list. */
  page: (cursor: string | null) => Promise<StorePage<Doc>>;
  markerOf: (id: string) => string;
  idOf: (row: Row) => string;
  /** Why the pass stops when another process took the company's lock over. */
  lockLost: string;
  /** The store kept paging past MAX_PAGES_PER_RUN: the rest is read by the next run. */
  tooManyPages: () => void;
  /** A document the store listed without a usable id: it cannot be answered, only reported (once per reason). */
  withoutId: (reason: string, excerpt: string) => void;
  /** A malformed document now recorded as rejected: counted and reported by the flow, then settled. */
  malformed: (id: string, reason: string, excerpt: string) => void;
  /** A well-formed document left for a later run without touching the inbox (an order not paid yet). */
  skip?: (doc: Doc) => boolean;
  /** Takes one row as far as it goes now; throws PassStopped when the pass must stop. */
  settle: (row: Row) => Promise<void>;
  /** A reused id with other content (or a malformed one where a document exists): refused, the first one untouched. */
  refuseReused: (row: Row, doc: Doc | null) => Promise<void>;
  step: (s: 'received' | 'rejected', id: string) => void | Promise<void>;
}

/** How the loop ended: 'busy' (another pass holds the lock, nothing done), stopped early, or the list unreadable. */
export type SettleOutcome =
  { kind: 'done' } | { kind: 'busy' } | { kind: 'stopped'; message: string } | { kind: 'unreadable'; reason: string };

/**
 * The loop every inbound flow shares, under the company's import lock: first reconcile what the inbox left
 * open (a crash, an outage), then the store's pending list page by page, each id once per run. Every
 * document stands alone; only PassStopped (an outage, the lock lost) ends the pass early. The lock is renewed
 * before each document, so a pass that lost it stops before its next ERP write.
 */
export async function settleInbox<Doc extends { id: string }, Row extends { state: string; attempts: number }>(
  f: SettleFlow<Doc, Row>,
): Promise<SettleOutcome> {
  const hold = f.lock.hold(f.scope, f.lockLeaseMs);
  if (!hold) return { kind: 'busy' };
  const done = new Set<string>();
  const held = () => {
    if (!hold.renew()) throw new PassStopped(f.lockLost);
  };
  const settle = async (row: Row) => {
    held();
    done.add(f.idOf(row));
    await f.settle(row);
  };
  const refuse = async (row: Row, doc: Doc | null) => {
    held();
    await f.refuseReused(row, doc);
  };
  const withoutId = new Set<string>();
  try {
    // 1. Reconcile what a previous run (or a crash) left open.
    for (const row of f.inbox.open(f.scope)) await settle(row);
    // 2. The store's pending list, page by page along its cursor.
    for await (const item of storePages(f.page, f.tooManyPages)) {
      if (!item.ok) {
        if (item.id === null) {
          if (!withoutId.has(item.reason)) f.withoutId(item.reason, item.excerpt);
          withoutId.add(item.reason);
          continue;
        }
        if (done.has(item.id)) continue;
        done.add(item.id);
        const got = f.inbox.receiveMalformed(f.scope, item.id, item.reason, item.excerpt, f.markerOf(item.id));
        if (got.kind === 'conflict') {
          await refuse(got.row, null);
          continue;
        }
        f.malformed(item.id, item.reason, item.excerpt);
        await f.step('rejected', item.id);
        await settle(got.row);
        continue;
      }
      const doc = item.value;
      if (done.has(doc.id)) continue;
      done.add(doc.id);
      if (f.skip?.(doc)) continue;
      const got = f.inbox.receive(f.scope, doc, item.contentHash, f.markerOf(doc.id));
      if (got.kind === 'conflict') {
        await refuse(got.row, doc);
        continue;
      }
      if (got.row.state === 'received' && got.row.attempts === 0) await f.step('received', doc.id);
      await settle(got.row);
    }
    return { kind: 'done' };
  } catch (err) {
    if (err instanceof PassStopped) return { kind: 'stopped', message: err.message };
    if (f.signal?.aborted) throw err;
    return { kind: 'unreadable', reason: errorText(err) };
  } finally {
    hold.release();
  }
}
