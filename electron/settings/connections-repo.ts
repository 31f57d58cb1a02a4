import type { SettingsDb } from './database';
import { erpConfigSchema, type ErpConfig } from '../../shared/erp-connection';

export interface ConnectionRow {
  id: number;
  name: string;
  config: ErpConfig;
  passwordSecretId: number | null;
}

export interface CachedCompany {
  companyId: string;
  name: string;
  missing: boolean;
}

interface RawConnection {
  ConnectionID: number;
  Name: string;
  ConfigJson: string;
  PasswordSecretID: number | null;
}

const toRow = (r: RawConnection): ConnectionRow => ({
  id: r.ConnectionID,
  name: r.Name,
  config: erpConfigSchema.parse(JSON.parse(r.ConfigJson)),
  passwordSecretId: r.PasswordSecretID,
});

/** ERP connections and the last list of companies read from each. */
export class ConnectionsRepo {
  constructor(private readonly db: SettingsDb) {}

  list(): ConnectionRow[] {
    const rows = this.db
      .prepare('SELECT ConnectionID, Name, ConfigJson, PasswordSecretID FROM erp_connections ORDER BY ConnectionID')
      .all() as RawConnection[];
    return rows.map(toRow);
  }

  get(id: number): ConnectionRow | undefined {
    const r = this.db
      .prepare('SELECT ConnectionID, Name, ConfigJson, PasswordSecretID FROM erp_connections WHERE ConnectionID = ?')
      .get(id) as RawConnection | undefined;
    return r ? toRow(r) : undefined;
  }

  insert(c: { name: string; config: ErpConfig; passwordSecretId: number | null }, actor: string, now: string): number {
    const res = this.db
      .prepare(
        `INSERT INTO erp_connections (Kind, Name, ConfigJson, PasswordSecretID, CreatedOn, CreatedBy, UpdatedOn, UpdatedBy)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(c.config.kind, c.name, JSON.stringify(c.config), c.passwordSecretId, now, actor, now, actor);
    return Number(res.lastInsertRowid);
  }

  update(c: ConnectionRow, actor: string, now: string): void {
    this.db
      .prepare(
        `UPDATE erp_connections SET Kind = ?, Name = ?, ConfigJson = ?, PasswordSecretID = ?, UpdatedOn = ?, UpdatedBy = ?
         WHERE ConnectionID = ?`,
      )
      .run(c.config.kind, c.name, JSON.stringify(c.config), c.passwordSecretId, now, actor, c.id);
  }

  /** The connection and everything remembered for it (settings, sync state, both inboxes, import locks). */
  delete(id: number): boolean {
    return this.db.transaction(() => {
      for (const table of ['order_inbox', 'invoice_inbox', 'import_locks']) {
        this.db.prepare(`DELETE FROM ${table} WHERE ConnectionID = ?`).run(id);
      }
      return this.db.prepare('DELETE FROM erp_connections WHERE ConnectionID = ?').run(id).changes === 1;
    })();
  }

  /** Stores a fresh company list: present ones are updated, absent ones are kept and flagged missing. */
  replaceCompanies(connectionId: number, companies: { id: string; name: string }[], now: string): void {
    const upsert = this.db.prepare(
      `INSERT INTO erp_companies (ConnectionID, CompanyID, Name, LastSeenOn, Missing) VALUES (?, ?, ?, ?, 0)
       ON CONFLICT (ConnectionID, CompanyID) DO UPDATE SET Name = excluded.Name, LastSeenOn = excluded.LastSeenOn, Missing = 0`,
    );
    this.db.transaction(() => {
      this.db.prepare('UPDATE erp_companies SET Missing = 1 WHERE ConnectionID = ?').run(connectionId);
      for (const c of companies) upsert.run(connectionId, c.id, c.name, now);
    })();
  }

  cachedCompanies(connectionId: number): CachedCompany[] {
    const rows = this.db
      .prepare('SELECT CompanyID, Name, Missing FROM erp_companies WHERE ConnectionID = ? ORDER BY Name COLLATE NOCASE')
      .all(connectionId) as { CompanyID: string; Name: string; Missing: number }[];
    return rows.map((r) => ({ companyId: r.CompanyID, name: r.Name, missing: r.Missing === 1 }));
  }

  companyName(connectionId: number, companyId: string): string | undefined {
    const r = this.db
      .prepare('SELECT Name FROM erp_companies WHERE ConnectionID = ? AND CompanyID = ?')
      .get(connectionId, companyId) as { Name: string } | undefined;
    return r?.Name;
  }
}
