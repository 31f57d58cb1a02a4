/**
 * The alert port. Adapters: desktop (Electron `Notification`, built only in electron/main), e-mail (SMTP) and
 * webhook (a JSON POST, see docs/alerts.md).
 * Nothing here imports Electron, so the monitor and its tests run under plain Node.
 */
export type AlertKind =
  | 'failing'
  | 'still-failing'
  | 'recovered'
  | 'stale'
  | 'test'
  | 'review'
  | 'identity'
  | 'paused'
  | 'watchdog'
  /** The daily summary e-mail (never a webhook call). */
  | 'digest';

export interface Alert {
  kind: AlertKind;
  level: 'info' | 'warning' | 'error';
  /** Short Spanish title: the notification title and the e-mail subject. */
  subject: string;
  /** Spanish plain text: the e-mail body; its first line is the notification body. */
  text: string;
  connectionId?: number;
  companyId?: string;
  companyName?: string;
}

export interface AlertNotifier {
  readonly channel: 'desktop' | 'email' | 'webhook';
  /** Read on every alert: settings changed in the console apply to the next one. */
  enabled(): boolean;
  /** Rejects with the adapter's error when it could not deliver. */
  send(alert: Alert): Promise<void>;
}

export const CHANNEL_LABELS: Record<AlertNotifier['channel'], string> = {
  desktop: 'notificación de escritorio',
  email: 'correo electrónico',
  webhook: 'webhook',
};

/** "a", "a y b", "a, b y c". */
export function joinSpanish(items: readonly string[]): string {
  return items.length <= 2 ? items.join(' y ') : `${items.slice(0, -1).join(', ')} y ${items.at(-1)}`;
}

/** Desktop adapter over any `show(title, body)`; electron/main passes one that builds an Electron Notification. */
export class DesktopNotifier implements AlertNotifier {
  readonly channel = 'desktop' as const;

  constructor(
    private readonly show: (title: string, body: string) => void,
    private readonly isEnabled: () => boolean,
  ) {}

  enabled(): boolean {
    return this.isEnabled();
  }

  async send(alert: Alert): Promise<void> {
    const firstLine = alert.text.split('\n').find((l) => l.trim() !== '') ?? alert.subject;
    this.show(alert.subject, firstLine.length > 240 ? `${firstLine.slice(0, 237)}...` : firstLine);
  }
}
