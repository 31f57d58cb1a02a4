import type { Migration } from './types';

/**
 * Alerts that reach people: a webhook (JSON POST to a URL, optionally signed with a secret kept in `secrets`
 * like the SMTP password) and an optional daily digest e-mail at a local hour. `DigestLastSentOn` is the local
 * date (YYYY-MM-DD) of the last digest sent, so a restart does not send the same day's digest twice.
 */
export const migration016: Migration = {
  version: 16,
  name: 'alert-webhook-digest',
  sql: `
    ALTER TABLE alert_settings ADD COLUMN WebhookUrl TEXT NOT NULL DEFAULT '';
    ALTER TABLE alert_settings ADD COLUMN WebhookSecretID INTEGER REFERENCES secrets (SecretID);
    ALTER TABLE alert_settings ADD COLUMN DigestEnabled INTEGER NOT NULL DEFAULT 0 CHECK (DigestEnabled IN (0, 1));
    ALTER TABLE alert_settings ADD COLUMN DigestHour INTEGER NOT NULL DEFAULT 8 CHECK (DigestHour BETWEEN 0 AND 23);
    ALTER TABLE alert_settings ADD COLUMN DigestLastSentOn TEXT;
  `,
};
