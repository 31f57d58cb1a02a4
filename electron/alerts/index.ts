import type { SettingsDb } from '../settings/database';
import type { SecretStore } from '../secrets/secret-store';
import type { EventLog } from '../events/event-log';
import { AlertSettingsRepo } from './alert-settings-repo';
import { AlertMonitor } from './alert-monitor';
import { AlertService } from './alert-service';
import { DailyDigest } from './daily-digest';
import { EmailNotifier, type SmtpTimeouts } from './email-notifier';
import { DesktopNotifier, type AlertNotifier } from './notifier';
import { WebhookNotifier } from './webhook-notifier';

export interface Alerts {
  repo: AlertSettingsRepo;
  monitor: AlertMonitor;
  service: AlertService;
  digest: DailyDigest;
}

export interface CreateAlertsOptions {
  db: SettingsDb;
  secrets: SecretStore;
  events: EventLog;
  actor: string;
  /** The app's version, sent in every webhook payload. */
  version?: string;
  clock?: () => Date;
  /** Shows a desktop notification (Electron main passes one built on `Notification`); none in the CLI. */
  desktopNotify?: (title: string, body: string) => void;
  isRunning?: (s: { connectionId: number; companyId: string }) => boolean;
  isStopped?: (s: { connectionId: number; companyId: string }) => boolean;
  smtpTimeouts?: SmtpTimeouts;
  reminderMs?: number;
  webhookTimeoutMs?: number;
  webhookRetryDelayMs?: number;
}

/** Wires the alert settings, the desktop, e-mail and webhook adapters, the monitor, the daily digest and the IPC service. */
export function createAlerts(o: CreateAlertsOptions): Alerts {
  const now = o.clock ? () => o.clock!().toISOString() : undefined;
  const repo = new AlertSettingsRepo(o.db, o.secrets, now);
  const email = new EmailNotifier(repo, o.smtpTimeouts);
  const webhook = new WebhookNotifier({
    settings: repo,
    appVersion: o.version ?? 'desconocida',
    clock: o.clock,
    timeoutMs: o.webhookTimeoutMs,
    retryDelayMs: o.webhookRetryDelayMs,
    describeConnection: (id) =>
      (o.db.prepare('SELECT Name AS name, Kind AS kind FROM erp_connections WHERE ConnectionID = ?').get(id) as
        { name: string; kind: string } | undefined) ?? null,
  });
  const desktopNotify = o.desktopNotify;
  const desktop = desktopNotify ? new DesktopNotifier(desktopNotify, () => repo.get().desktopNotifications) : undefined;
  const notifiers: AlertNotifier[] = desktop ? [desktop, email, webhook] : [email, webhook];
  const digest = new DailyDigest({ db: o.db, repo, email, events: o.events });
  const monitor = new AlertMonitor({
    db: o.db,
    events: o.events,
    notifiers,
    clock: o.clock,
    isRunning: o.isRunning,
    isStopped: o.isStopped,
    reminderMs: o.reminderMs,
    onTick: (at) => digest.tick(at),
  });
  const service = new AlertService({ repo, events: o.events, email, webhook, desktop, actor: o.actor, clock: o.clock });
  return { repo, monitor, service, digest };
}
