/** The companies of one ERP connection, as the console lists them. */

export interface CompanyRow {
  companyId: string;
  name: string;
  sync: boolean;
  /**
   * 'review' (its last run held deactivations for a person), 'failing' (its runs keep failing), 'stale' (no
   * successful sync for two periods), else 'ok'/'never'.
   */
  health?: 'ok' | 'failing' | 'stale' | 'never' | 'review';
  /** Saved settings exist for this company. */
  configured: boolean;
  /** No longer found in the ERP (kept so its settings are not lost). */
  missing: boolean;
}

export interface CompanyList {
  companies: CompanyRow[];
  /** Set when the ERP could not be read and the list comes from the last successful read. */
  warning: string | null;
}
