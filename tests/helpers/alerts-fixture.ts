import path from 'node:path';
import { createAlerts, type Alerts } from '../../electron/alerts';
import { EventLog } from '../../electron/events/event-log';
import { LocalKeyCipher } from '../../electron/secrets/local-key-cipher';
import { SecretStore } from '../../electron/secrets/secret-store';
import { openSettingsDatabase, type SettingsDb } from '../../electron/settings/database';
import type { FinishedRun } from '../../electron/alerts/alert-monitor';
import { tempDir } from './temp-dir';

export const SCOPE = { connectionId: 1, companyId: 'EMP01' };

/** A real settings database with one connection and one company (Sincronizar on, 15 min), and the alerts wired. */
export function alertsFixture(
  opts: {
    clock?: () => Date;
    desktopNotify?: (title: string, body: string) => void;
    period?: number;
    webhookTimeoutMs?: number;
  } = {},
) {
  const dir = tempDir();
  const db = openSettingsDatabase(path.join(dir, 'wopen-sync.sqlite'));
  const events = new EventLog(db, opts.clock);
  const secrets = new SecretStore(db, LocalKeyCipher.open(path.join(dir, 'wopen-sync.key')));
  const t0 = '2026-01-01T00:00:00.000Z';
  db.prepare(
    "INSERT INTO erp_connections (ConnectionID, Kind, Name, ConfigJson, CreatedOn, CreatedBy, UpdatedOn, UpdatedBy) VALUES (1, 'microsip', 'Microsip', '{}', ?, 'u', ?, 'u')",
  ).run(t0, t0);
  db.prepare(
    "INSERT INTO erp_companies (ConnectionID, CompanyID, Name, LastSeenOn) VALUES (1, 'EMP01', 'Ferretería del Norte', ?)",
  ).run(t0);
  db.prepare(
    "INSERT INTO orgWOpen (ConnectionID, CompanyID, Sincronizar, PeriodoMinutos, CreatedOn, CreatedBy, UpdatedOn, UpdatedBy) VALUES (1, 'EMP01', 1, ?, ?, 'u', ?, 'u')",
  ).run(opts.period ?? 15, t0, t0);
  const alerts: Alerts = createAlerts({
    db,
    secrets,
    events,
    actor: 'contador',
    clock: opts.clock,
    desktopNotify: opts.desktopNotify,
    smtpTimeouts: { connectionMs: 2000, greetingMs: 2000, socketMs: 4000 },
    version: '9.8.7-prueba',
    webhookTimeoutMs: opts.webhookTimeoutMs ?? 3000,
    webhookRetryDelayMs: 50,
  });
  return { db, events, secrets, alerts, dir };
}

export function run(
  state: FinishedRun['state'],
  message = state === 'success' ? 'Exitoso: 10 enviados.' : 'Fallida: la tienda respondió 503.',
): FinishedRun {
  return {
    runId: null,
    ...SCOPE,
    companyName: 'Ferretería del Norte',
    trigger: 'automatic',
    dryRun: false,
    state,
    message,
  };
}

/** Inserts a finished run in the history (what the engine writes). */
export function insertRun(db: SettingsDb, state: 'success' | 'partial' | 'failed', at: string): void {
  db.prepare(
    "INSERT INTO sync_runs (ConnectionID, CompanyID, Trigger, State, StartedAt, HeartbeatAt, EndedAt, Message) VALUES (1, 'EMP01', 'automatic', ?, ?, ?, ?, 'x')",
  ).run(state, at, at, at);
}

export function alertEvents(db: SettingsDb): { Level: string; Message: string }[] {
  return db.prepare("SELECT Level, Message FROM events WHERE Category = 'Alertas' ORDER BY EventID").all() as {
    Level: string;
    Message: string;
  }[];
}
