import type { Statement } from 'better-sqlite3';
import type { SettingsDb } from '../settings/database';
import type { EventView } from '../../shared/event-views';
import { redact, redactText } from './redact';

export type EventLevel = 'info' | 'warning' | 'error';

/** Categories shown in the Visor de eventos. */
export const EVENT_CATEGORIES = {
  settings: 'Configuración',
  erpConnection: 'Conexión ERP',
  storeConnection: 'Conexión Wopen',
  companies: 'Empresas',
  error: 'Error',
} as const;

export interface NewEvent {
  level: EventLevel;
  category: string;
  message: string;
  connectionId?: number | null;
  companyId?: string | null;
  companyName?: string | null;
  details?: unknown;
  /** Structured columns the Visor de eventos filters on. */
  runId?: number | null;
  catalog?: string | null;
  recordKey?: string | null;
  trigger?: 'manual' | 'automatic' | null;
}

export interface EventQuery {
  days: number;
  connectionId?: number;
  companyId?: string;
  now?: Date;
  limit?: number;
}

/** Append-only event log in the settings database. Every message and detail passes through redact(). */
export class EventLog {
  private insert: Statement<unknown[]> | null = null;

  constructor(
    private readonly db: SettingsDb,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  record(e: NewEvent): number {
    const details = e.details === undefined ? null : JSON.stringify(redact(e.details));
    this.insert ??= this.db.prepare(
      `INSERT INTO events (At, Level, Category, ConnectionID, CompanyID, CompanyName, Message, Details, RunID, Catalog, RecordKey, Trigger)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const res = this.insert.run(
      this.clock().toISOString(),
      e.level,
      e.category,
      e.connectionId ?? null,
      e.companyId ?? null,
      e.companyName ?? null,
      redactText(e.message),
      details,
      e.runId ?? null,
      e.catalog ?? null,
      e.recordKey ?? null,
      e.trigger ?? null,
    );
    return Number(res.lastInsertRowid);
  }

  /** Newest first, within the last `days` days. */
  list(q: EventQuery): EventView[] {
    const since = new Date((q.now ?? this.clock()).getTime() - q.days * 86_400_000).toISOString();
    const where = ['At >= ?'];
    const args: (string | number)[] = [since];
    if (q.connectionId !== undefined) {
      where.push('ConnectionID = ?');
      args.push(q.connectionId);
    }
    if (q.companyId !== undefined) {
      where.push('CompanyID = ?');
      args.push(q.companyId);
    }
    args.push(q.limit ?? 5000);
    const rows = this.db
      .prepare(
        `SELECT EventID, At, Level, Category, CompanyID, CompanyName, Message FROM events
         WHERE ${where.join(' AND ')} ORDER BY At DESC, EventID DESC LIMIT ?`,
      )
      .all(...args) as {
      EventID: number;
      At: string;
      Level: EventLevel;
      Category: string;
      CompanyID: string | null;
      CompanyName: string | null;
      Message: string;
    }[];
    return rows.map((r) => ({
      id: r.EventID,
      at: r.At,
      level: r.Level,
      category: r.Category,
      companyId: r.CompanyID,
      companyName: r.CompanyName,
      message: r.Message,
    }));
  }
}
