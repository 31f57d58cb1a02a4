import type { Migration } from './types';

/**
 * Alerts. `alert_settings` is a single row: desktop notifications on/off, the emergency contact
 * (b2bGO's "correo electrónico de contacto del desarrollador de emergencia") and the SMTP server that mails it;
 * the SMTP password lives in `secrets` like every other password. `alert_problems` remembers the open problem
 * of each company, so an alert goes out once per problem and not once per failing run.
 */
export const migration004: Migration = {
  version: 4,
  name: 'alerts',
  sql: `
    CREATE TABLE alert_settings (
      AlertSettingsID       INTEGER PRIMARY KEY CHECK (AlertSettingsID = 1),
      DesktopNotifications  INTEGER NOT NULL DEFAULT 1 CHECK (DesktopNotifications IN (0, 1)),
      EmergencyEmail        TEXT NOT NULL DEFAULT '',
      SmtpHost              TEXT NOT NULL DEFAULT '',
      SmtpPort              INTEGER NOT NULL DEFAULT 587 CHECK (SmtpPort BETWEEN 1 AND 65535),
      SmtpSecurity          TEXT NOT NULL DEFAULT 'starttls' CHECK (SmtpSecurity IN ('tls', 'starttls', 'none')),
      SmtpUser              TEXT NOT NULL DEFAULT '',
      SmtpPasswordSecretID  INTEGER REFERENCES secrets (SecretID),
      FromAddress           TEXT NOT NULL DEFAULT '',
      UpdatedOn             TEXT NOT NULL,
      UpdatedBy             TEXT NOT NULL
    );

    -- Kind 'failing': its runs fail (failed or partial); 'stale': no successful sync for two periods.
    CREATE TABLE alert_problems (
      ConnectionID  INTEGER NOT NULL REFERENCES erp_connections (ConnectionID) ON DELETE CASCADE,
      CompanyID     TEXT NOT NULL,
      Kind          TEXT NOT NULL CHECK (Kind IN ('failing', 'stale')),
      OpenedAt      TEXT NOT NULL,
      LastAlertAt   TEXT NOT NULL,
      Occurrences   INTEGER NOT NULL DEFAULT 1,
      LastRunID     INTEGER,
      Message       TEXT NOT NULL,
      PRIMARY KEY (ConnectionID, CompanyID, Kind)
    ) WITHOUT ROWID;
  `,
};
