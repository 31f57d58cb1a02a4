import { useId } from 'react';
import type { DiagnosticReport, DiagnosticSection, DiagnosticStatus } from '../../../../shared/erp-diagnostics';
import { formatLocalDateTime } from '../../format';

export const STATUS_LABELS: Record<DiagnosticStatus, string> = {
  correcto: 'Correcto',
  falta: 'Falta',
  advertencia: 'Advertencia',
};
// A shape as well as a colour, so the state reads without colour vision too (the label is text for readers).
const STATUS_ICONS: Record<DiagnosticStatus, string> = { correcto: '✓', falta: '✕', advertencia: '!' };

export function StatusBadge({ status }: { status: DiagnosticStatus }) {
  return (
    <span className={`diag-badge ${status}`}>
      <span aria-hidden="true">{STATUS_ICONS[status]}</span> {STATUS_LABELS[status]}
    </span>
  );
}

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/** One sentence a non-technical user can act on. */
export function headline(r: DiagnosticReport): string {
  const { falta, advertencia } = r.summary;
  if (falta > 0) {
    return `${plural(falta, 'Falta 1 elemento', `Faltan ${falta} elementos`)} que Wopen Sync necesita: ${plural(falta, 'corríjalo', 'corríjalos')} antes de sincronizar.`;
  }
  if (advertencia > 0)
    return `Está todo lo que Wopen Sync necesita; revise ${plural(advertencia, '1 advertencia', `${advertencia} advertencias`)}.`;
  return 'Está todo lo que Wopen Sync necesita en esta base de datos.';
}

function Section({ section }: { section: DiagnosticSection }) {
  const id = useId();
  const falta = section.checks.filter((c) => c.status === 'falta').length;
  const advertencia = section.checks.filter((c) => c.status === 'advertencia').length;
  const note =
    [falta > 0 ? `Falta: ${falta}` : '', advertencia > 0 ? `Advertencia: ${advertencia}` : '']
      .filter(Boolean)
      .join(' · ') || 'Todo correcto';
  return (
    <section
      className={`diag-section ${falta > 0 ? 'falta' : advertencia > 0 ? 'advertencia' : 'correcto'}`}
      aria-labelledby={id}
      data-key={section.key}
    >
      <h3 id={id}>
        {section.title} <span className="diag-section-note">({note})</span>
      </h3>
      <ul>
        {section.checks.map((c, i) => (
          <li key={i} className={`diag-check ${c.status}`}>
            <StatusBadge status={c.status} />
            <span className="diag-text">
              <span className="diag-subject">{c.subject}</span>
              <span className="diag-message">{c.message}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The report as the dialog shows it: headline, counts, server and database, then each section's checks. */
export function DiagnosticSections({
  report,
  onlyProblems = false,
}: {
  report: DiagnosticReport;
  onlyProblems?: boolean;
}) {
  // A real database has dozens of checks: the user may look at what needs attention only.
  const sections = onlyProblems
    ? report.sections
        .map((s) => ({ ...s, checks: s.checks.filter((c) => c.status !== 'correcto') }))
        .filter((s) => s.checks.length > 0)
    : report.sections;
  const worst: DiagnosticStatus =
    report.summary.falta > 0 ? 'falta' : report.summary.advertencia > 0 ? 'advertencia' : 'correcto';
  return (
    <div className="diag-report">
      <div className={`diag-headline ${worst}`} role="status" data-testid="diag-headline">
        <p>{headline(report)}</p>
        <p className="diag-counts">
          {(['correcto', 'advertencia', 'falta'] as const).map((s) => (
            <span key={s} className={`diag-count ${s}`} data-testid={`diag-count-${s}`}>
              {STATUS_LABELS[s]}: {report.summary[s]}
            </span>
          ))}
        </p>
      </div>
      <dl className="about-list diag-facts">
        <dt>Servidor</dt>
        <dd data-testid="diag-server">{report.server}</dd>
        <dt>Edición</dt>
        <dd data-testid="diag-edition">{report.edition ?? 'No se pudo saber'}</dd>
        <dt>Base de datos</dt>
        <dd className="path">{report.database}</dd>
        {(report.companyName ?? report.companyId) && (
          <>
            <dt>Empresa</dt>
            <dd>{report.companyName ?? report.companyId}</dd>
          </>
        )}
        <dt>Fecha</dt>
        <dd>{formatLocalDateTime(report.at)}</dd>
      </dl>
      {sections.map((s) => (
        <Section key={s.key} section={s} />
      ))}
      {sections.length === 0 && <p className="hint">Nada falta ni tiene advertencias.</p>}
    </div>
  );
}
