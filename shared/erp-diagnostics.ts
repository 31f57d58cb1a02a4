/**
 * *Diagnóstico*: what an ERP adapter relies on in one database, checked read-only. The same report is printed
 * by `wopen-sync erp doctor --json`, shown in the connection editor and copied as plain text for support.
 */

/** correcto: present and usable; falta: the adapter cannot work without it; advertencia: works, but look at it. */
export type DiagnosticStatus = 'correcto' | 'falta' | 'advertencia';

export interface DiagnosticCheck {
  status: DiagnosticStatus;
  /** What was checked, short: «Tabla DOCTOS_VE», «Columna DOCTOS_VE.SUCURSAL_ID (NOT NULL)», «Permiso SELECT». */
  subject: string;
  /** One Spanish sentence: what was found and, unless correcto, what to do. */
  message: string;
}

/** One catalog or one write path (orders, quotes, invoices, stamping) or the connection itself. */
export interface DiagnosticSection {
  /** Stable key: 'conexion', 'catalog:products', 'write:orders', 'write:quotes', 'write:invoices', 'write:stamping', 'series'. */
  key: string;
  /** Spanish title shown as the section heading: «Catálogo Productos», «Pedidos (escritura)». */
  title: string;
  checks: DiagnosticCheck[];
}

export interface DiagnosticReport {
  erp: 'microsip' | 'contpaqi';
  /** ISO time the report was made. */
  at: string;
  /** «Firebird 3.0.11 (WI-V3.0.11.33703)», «Microsoft SQL Server 2019 Express Edition (15.0.4123.1)». */
  server: string;
  /** Edition when known: «Express», «Standard»; Firebird: «SuperServer» … or null. */
  edition: string | null;
  /** The database or company examined: «C:\Microsip datos\EMPRESA.FDB», «ComercialSP / Empresa Demo». */
  database: string;
  companyId: string | null;
  companyName: string | null;
  sections: DiagnosticSection[];
  /** Counts over every check, for the headline. */
  summary: Record<DiagnosticStatus, number>;
}

export const ok = (subject: string, message: string): DiagnosticCheck => ({ status: 'correcto', subject, message });
export const missing = (subject: string, message: string): DiagnosticCheck => ({ status: 'falta', subject, message });
export const warn = (subject: string, message: string): DiagnosticCheck => ({
  status: 'advertencia',
  subject,
  message,
});

/** Builds the summary from the sections, so adapters never count by hand. */
export function summarize(sections: readonly DiagnosticSection[]): Record<DiagnosticStatus, number> {
  const summary: Record<DiagnosticStatus, number> = { correcto: 0, falta: 0, advertencia: 0 };
  for (const s of sections) for (const c of s.checks) summary[c.status]++;
  return summary;
}

const MARK: Record<DiagnosticStatus, string> = {
  correcto: '[correcto]',
  falta: '[FALTA]',
  advertencia: '[advertencia]',
};

/** The plain-text report *Copiar informe* puts on the clipboard. */
export function reportAsText(r: DiagnosticReport): string {
  const lines = [
    `Diagnóstico de Wopen Sync Console — ${r.erp === 'microsip' ? 'Microsip' : 'CONTPAQi Comercial Start/Pro'}`,
    `Fecha: ${r.at}`,
    `Servidor: ${r.server}${r.edition ? ` (edición ${r.edition})` : ''}`,
    `Base de datos: ${r.database}`,
  ];
  if (r.companyName ?? r.companyId)
    lines.push(`Empresa: ${r.companyName ?? ''}${r.companyId ? ` (${r.companyId})` : ''}`);
  lines.push(
    `Resumen: ${r.summary.correcto} correcto, ${r.summary.advertencia} advertencia, ${r.summary.falta} falta`,
    '',
  );
  for (const s of r.sections) {
    lines.push(`== ${s.title} ==`);
    for (const c of s.checks) lines.push(`${MARK[c.status]} ${c.subject}: ${c.message}`);
    lines.push('');
  }
  return lines.join('\n');
}
