/**
 * Who a configured company is, as the ERP holds it: its fiscal identity (RFC, name) and its database identity
 * (Microsip: the company's .FDB; Start/Pro: the database and the company's GUID). Remembered per company so a
 * backup restored over it, a test copy or another company with the same short name is caught before a run
 * pushes or imports anything (docs/identity-guard.md).
 */
export interface CompanyIdentity {
  /** As the ERP writes it, trimmed and upper-cased; null when this ERP or version does not say. */
  rfc: string | null;
  name: string | null;
  /** Microsip: path of the company's .FDB on the server; Start/Pro: the database name. */
  database: string;
  /** Microsip names a file, Start/Pro a database (how the prompt words it). */
  databaseKind: 'file' | 'database';
  /**
   * What changes when another file or database takes its place: Microsip MON$GUID (Firebird 4+) or
   * MON$CREATION_DATE; Start/Pro the company's BusinessEntityGUID. Null when it cannot be read.
   */
  stamp: string | null;
  /** Where each part was read, as detected in the schema at run time («RFC: REGISTRY.Rfc», …). */
  sources: string[];
}

/** A company whose sync is stopped until a person says whether it is the same company. */
export interface IdentityBlockView {
  connectionId: number;
  companyId: string;
  companyName: string;
  recorded: CompanyIdentity;
  recordedAt: string;
  seen: CompanyIdentity;
  blockedAt: string;
  /** «el RFC cambió de … a …», «el archivo es otro (…)». */
  reasons: string[];
  /** «La empresa X ahora es RFC … / archivo …: ¿es la misma empresa?» */
  question: string;
}

/** The console and the CLI: what is remembered for a company, and whether it is blocked. */
export interface IdentityStatusView {
  connectionId: number;
  companyId: string;
  companyName: string;
  recorded: CompanyIdentity | null;
  recordedAt: string | null;
  confirmedAt: string | null;
  confirmedBy: string | null;
  block: IdentityBlockView | null;
}

/** «RFC XAXX010101000 (Abarrotes del Norte), archivo C:\Microsip datos\ABARROTES.FDB» */
export function describeIdentity(i: CompanyIdentity): string {
  const fiscal = i.rfc ? `RFC ${i.rfc}${i.name ? ` (${i.name})` : ''}` : i.name ? `«${i.name}» (sin RFC)` : 'sin RFC';
  const where = i.databaseKind === 'file' ? `archivo ${i.database}` : `base de datos ${i.database}`;
  return `${fiscal}, ${where}${i.stamp ? ` [${i.stamp}]` : ''}`;
}
