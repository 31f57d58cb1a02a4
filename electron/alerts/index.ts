import type { SettingsDb } from '../settings/database';
import type { SecretStore } from '../secrets/secret-store';
import type { EventLog } from '../events/event-log';
import { AlertSettingsRepo } from './alert-settings-repo';
import { AlertMonitor } from './alert-monitor';
import { AlertService } from './alert-service';
import { EmailNotifier, type SmtpTimeouts } from './email-notifier';
import { DesktopNotifier, type AlertNotifier } from './notifier';

export interface Alerts {
  repo: AlertSettingsRepo;
  monitor: AlertMonitor;
  service: AlertService;
}

export interface CreateAlertsOptions {
  db: SettingsDb;
  secrets: SecretStore;
  events: EventLog;
  actor: string;
  clock?: () => Date;
  /** Shows a desktop notification (Electron main passes one built on `Notification`); none in the CLI. */
  desktopNotify?: (title: string, body: string) => void;
  isRunning?: (s: { connectionId: number; companyId: string }) => boolean;
  smtpTimeouts?: SmtpTimeouts;
  reminderMs?: number;
}

/** Wires the alert settings, the e-mail and desktop adapters, the monitor and the IPC service. */
export function createAlerts(o: CreateAlertsOptions): Alerts {
  const now = o.clock ? () => o.clock!().toISOString() : undefined;
  const repo = new AlertSettingsRepo(o.db, o.secrets, now);
  const email = new EmailNotifier(repo, o.smtpTimeouts);
  const desktopNotify = o.desktopNotify;
  const desktop = desktopNotify ? new DesktopNotifier(desktopNotify, () => repo.get().desktopNotifications) : undefined;
  const notifiers: AlertNotifier[] = desktop ? [desktop, email] : [email];
  const monitor = new AlertMonitor({
    db: o.db,
    events: o.events,
    notifiers,
    clock: o.clock,
    isRunning: o.isRunning,
    reminderMs: o.reminderMs,
  });
  const service = new AlertService({ repo, events: o.events, email, desktop, actor: o.actor, clock: o.clock });
  return { repo, monitor, service };
}
