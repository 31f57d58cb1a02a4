import type { SettingsDb } from '../../../settings/database';
import type { Scope } from '../../../core/scope';
import { documentHash } from '../../../store/document-hash';

/** A company's inbox for one store identity (docs/wopen-api.md "Store identity"). */
export interface InboxScope extends Scope {
  storeKey: string;
}

/** The ERP document written for an inbox entry. */
export interface InboxDocument {
  documentId: string;
  folio: string;
}

/** What every inbox keeps of an entry, whatever the flow. */
export interface InboxEntry<Doc> {
  id: string;
  /** Null for a document the store sent malformed (only its excerpt is kept, in `excerpt`). */
  doc: Doc | null;
  excerpt: string | null;
  contentHash: string | null;
  /** What identifies the entry's ERP document (the ERP lookup that makes a write happen once). */
  marker: string;
  state: string;
  document: InboxDocument | null;
  attempts: number;
  lastError: string | null;
  rejectReason: string | null;
}

/** What `receive` found: the row to settle, or a reused id with other content than the first time. */
export type Received<Row> = { kind: 'row'; row: Row } | { kind: 'conflict'; row: Row };

type Raw = Record<string, unknown>;

/** What one flow's inbox table adds to the shared shape: its names, its open rows and its own columns. */
export interface InboxTable<Doc extends { id: string }, Row> {
  table: string;
  /** The column of the store's id (StoreOrderID, RequestID). */
  idColumn: string;
  /** The flow's own columns, read with the shared ones. */
  columns: readonly string[];
  /** The SQL condition of an unfinished row (what a restart continues). */
  openWhere: string;
  /** Fields of the document left out of its content hash. */
  hashIgnores?: readonly string[];
  /** The flow's own columns written with a well-formed document, when received or received again. */
  docColumns?: (doc: Doc) => Record<string, unknown>;
  /** The flow's own columns of a malformed document (rejected on arrival), given the time. */
  malformedColumns: (at: string) => Record<string, unknown>;
  /** The flow's own columns cleared when a rejected row takes the store's corrected content. */
  clearedOnRetake: readonly string[];
  /** The column that keeps when the ERP document was written, if the flow keeps it. */
  writtenAtColumn?: string;
  /** The flow's row, from the shared entry and the raw columns. */
  toRow: (entry: InboxEntry<Doc>, raw: Raw) => Row;
}

const SHARED = [
  'Payload',
  'Malformed',
  'ContentHash',
  'ErpMarker',
  'State',
  'ErpDocumentID',
  'ErpFolio',
  'Attempts',
  'LastError',
  'RejectReason',
];
const KEY = 'ConnectionID = ? AND CompanyID = ? AND StoreKey = ?';
const key = (s: InboxScope) => [s.connectionId, s.companyId, s.storeKey] as const;

/**
 * An inbound flow's inbox: every store document is recorded here before the ERP is touched, and each state
 * change is committed before the next step, so a restart knows where every document stopped. Rows are per
 * store identity, with the content hash that tells a reused id from a repeated one. Each flow extends it with
 * the states and columns that are its own.
 */
export class InboxRepo<Doc extends { id: string }, Row> {
  private readonly select: string;

  constructor(
    protected readonly db: SettingsDb,
    protected readonly spec: InboxTable<Doc, Row>,
    protected readonly now: () => string = () => new Date().toISOString(),
  ) {
    this.select = `SELECT ${[spec.idColumn, ...SHARED, ...spec.columns].join(', ')} FROM ${spec.table}`;
  }

  /**
   * Records a well-formed document as received. An id already here keeps its row when the content is the
   * same (a repeat); other content is a conflict, except for a row rejected before anything was written,
   * which takes the corrected content as a new attempt.
   */
  receive(s: InboxScope, doc: Doc, contentHash: string, marker: string): Received<Row> {
    return this.db.transaction((): Received<Row> => {
      const at = this.now();
      const own = this.spec.docColumns?.(doc) ?? {};
      const names = [this.spec.idColumn, ...Object.keys(own), 'Payload', 'ContentHash', 'ErpMarker'];
      const inserted = this.db
        .prepare(
          `INSERT INTO ${this.spec.table} (ConnectionID, CompanyID, StoreKey, ${names.join(', ')}, State, ReceivedAt, UpdatedAt)
           VALUES (?, ?, ?, ${names.map(() => '?').join(', ')}, 'received', ?, ?)
           ON CONFLICT (ConnectionID, CompanyID, StoreKey, ${this.spec.idColumn}) DO NOTHING`,
        )
        .run(...key(s), doc.id, ...Object.values(own), JSON.stringify(doc), contentHash, marker, at, at);
      const raw = this.raw(s, doc.id)!;
      const entry = this.entryOf(raw);
      const row = this.spec.toRow(entry, raw);
      if (inserted.changes > 0 || entry.contentHash === contentHash) return { kind: 'row', row };
      if (entry.contentHash === null && entry.doc && documentHash(entry.doc, this.spec.hashIgnores) === contentHash) {
        // A row from before content hashes whose stored document is this very content: adopt the fingerprint.
        this.update(s, doc.id, 'ContentHash = ?', contentHash);
        return { kind: 'row', row: this.spec.toRow({ ...entry, contentHash }, { ...raw, ContentHash: contentHash }) };
      }
      if (entry.state === 'rejected' && entry.document === null) {
        const cleared = [...this.spec.clearedOnRetake, 'RejectReason', 'LastError'].map((c) => `${c} = NULL`);
        this.update(
          s,
          doc.id,
          [
            `State = 'received'`,
            ...Object.keys(own).map((c) => `${c} = ?`),
            'Payload = ?',
            'ContentHash = ?',
            'Malformed = 0',
            ...cleared,
            'Attempts = 0',
          ].join(', '),
          ...Object.values(own),
          JSON.stringify(doc),
          contentHash,
        );
        return { kind: 'row', row: this.get(s, doc.id)! };
      }
      return { kind: 'conflict', row };
    })();
  }

  /**
   * Records a malformed document (only its excerpt) as rejected, so the console lists it and a lost reject is
   * repeated. An id that already has an ERP document keeps it: that is a conflict, returned for the caller to
   * report.
   */
  receiveMalformed(s: InboxScope, id: string, reason: string, excerpt: string, marker: string): Received<Row> {
    return this.db.transaction((): Received<Row> => {
      const existing = this.raw(s, id);
      if (existing && this.entryOf(existing).document)
        return { kind: 'conflict', row: this.spec.toRow(this.entryOf(existing), existing) };
      const at = this.now();
      const own = this.spec.malformedColumns(at);
      const names = [this.spec.idColumn, 'Payload', 'ErpMarker', 'RejectReason', ...Object.keys(own)];
      const updates = ['Payload', 'RejectReason', ...Object.keys(own)].map((c) => `${c} = excluded.${c}`);
      this.db
        .prepare(
          `INSERT INTO ${this.spec.table} (ConnectionID, CompanyID, StoreKey, ${names.join(', ')}, ContentHash, Malformed, State, ReceivedAt, UpdatedAt)
           VALUES (?, ?, ?, ${names.map(() => '?').join(', ')}, NULL, 1, 'rejected', ?, ?)
           ON CONFLICT (ConnectionID, CompanyID, StoreKey, ${this.spec.idColumn}) DO UPDATE SET ${updates.join(', ')},
             ContentHash = NULL, Malformed = 1, State = 'rejected', UpdatedAt = excluded.UpdatedAt`,
        )
        .run(...key(s), id, excerpt, marker, reason, ...Object.values(own), at, at);
      return { kind: 'row', row: this.get(s, id)! };
    })();
  }

  get(s: InboxScope, id: string): Row | undefined {
    const raw = this.raw(s, id);
    return raw ? this.spec.toRow(this.entryOf(raw), raw) : undefined;
  }

  /** Rows a crash or a failure left unfinished, oldest first. */
  open(s: InboxScope): Row[] {
    return this.rows(`WHERE ${KEY} AND ${this.spec.openWhere} ORDER BY rowid`, ...key(s));
  }

  /** Unfinished rows of the company for its current store. */
  openCount(s: InboxScope): number {
    return this.count(s, this.spec.openWhere);
  }

  /** The document is in the ERP: committed before the store is told, so a restart never writes it again. */
  written(s: InboxScope, id: string, doc: InboxDocument): void {
    const at = this.spec.writtenAtColumn;
    this.update(
      s,
      id,
      `State = 'written', ErpDocumentID = ?, ErpFolio = ?, LastError = NULL${at ? `, ${at} = ?` : ''}`,
      doc.documentId,
      doc.folio,
      ...(at ? [this.now()] : []),
    );
  }

  /** A transient failure (ERP or store down): the row keeps its state for the next run. */
  failedAttempt(s: InboxScope, id: string, message: string): void {
    this.update(s, id, 'Attempts = Attempts + 1, LastError = ?', message);
  }

  protected rows(where: string, ...values: unknown[]): Row[] {
    return (this.db.prepare(`${this.select} ${where}`).all(...values) as Raw[]).map((r) =>
      this.spec.toRow(this.entryOf(r), r),
    );
  }

  protected count(s: InboxScope, where: string): number {
    return (
      this.db.prepare(`SELECT COUNT(*) AS n FROM ${this.spec.table} WHERE ${KEY} AND ${where}`).get(...key(s)) as {
        n: number;
      }
    ).n;
  }

  protected update(s: InboxScope, id: string, set: string, ...values: unknown[]): void {
    this.db
      .prepare(`UPDATE ${this.spec.table} SET ${set}, UpdatedAt = ? WHERE ${KEY} AND ${this.spec.idColumn} = ?`)
      .run(...values, this.now(), ...key(s), id);
  }

  private raw(s: InboxScope, id: string): Raw | undefined {
    return this.db.prepare(`${this.select} WHERE ${KEY} AND ${this.spec.idColumn} = ?`).get(...key(s), id) as
      Raw | undefined;
  }

  private entryOf(r: Raw): InboxEntry<Doc> {
    const malformed = r.Malformed === 1;
    return {
      id: r[this.spec.idColumn] as string,
      doc: malformed ? null : (JSON.parse(r.Payload as string) as Doc),
      excerpt: malformed ? (r.Payload as string) : null,
      contentHash: r.ContentHash as string | null,
      marker: r.ErpMarker as string,
      state: r.State as string,
      document:
        r.ErpDocumentID !== null && r.ErpFolio !== null
          ? { documentId: r.ErpDocumentID as string, folio: r.ErpFolio as string }
          : null,
      attempts: r.Attempts as number,
      lastError: r.LastError as string | null,
      rejectReason: r.RejectReason as string | null,
    };
  }
}
