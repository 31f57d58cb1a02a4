import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { reportAsText, type DiagnosticReport } from '../../../../shared/erp-diagnostics';
import { errorText } from '../../format';
import { OWN_REFRESH } from '../../queries/own-refresh';
import { apiQuery } from '../../queries/query-client';
import { useConsole } from '../../store/console-store';
import { closeModal, useModal } from '../../store/modal-store';
import { Modal } from '../Modal';
import { copyText } from './copy-text';
import { DiagnosticSections } from './DiagnosticSections';

type Run = { kind: 'running' } | { kind: 'done'; report: DiagnosticReport } | { kind: 'failed'; message: string };

/**
 * *Diagnóstico* of a saved connection: what Wopen Sync relies on in its database, read-only, for
 * one company or the connection alone. *Copiar informe* puts the plain-text report on the clipboard for support.
 */
export function DiagnosticDialog() {
  const connection = useModal('diagnosis');
  const close = (): void => closeModal('diagnosis');
  // The companies are known for the connection the console shows (the editor is opened for that one).
  const companies = useConsole((s) => (connection && s.connectionId === connection.id ? s.companies : []));
  const selected = useConsole((s) => s.selectedCompanyId);
  const [companyId, setCompanyId] = useState<string>(() =>
    companies.some((c) => c.companyId === selected) ? (selected ?? '') : (companies[0]?.companyId ?? ''),
  );
  const [copied, setCopied] = useState<{ ok: boolean; text: string } | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(false);
  // One answer per company; the key changes with the company, so only the latest choice is shown.
  const query = useQuery({
    ...apiQuery('diagnoseErp', { connectionId: connection?.id ?? 0, ...(companyId ? { companyId } : {}) }),
    enabled: connection !== undefined,
    // A diagnosis is read when asked for; opening the dialog again asks afresh.
    gcTime: 0,
    ...OWN_REFRESH,
  });
  const run: Run = query.isFetching
    ? { kind: 'running' }
    : query.error
      ? { kind: 'failed', message: errorText(query.error) }
      : query.data
        ? { kind: 'done', report: query.data }
        : { kind: 'running' };
  const diagnose = (company: string): void => {
    setCopied(null);
    if (company === companyId) void query.refetch();
    else setCompanyId(company);
  };

  if (!connection) return null;
  const report = run.kind === 'done' ? run.report : null;

  const copy = async (): Promise<void> => {
    if (!report) return;
    const ok = await copyText(reportAsText(report));
    setCopied(
      ok
        ? { ok: true, text: 'Se copió el informe al portapapeles; péguelo en su mensaje a soporte.' }
        : {
            ok: false,
            text: 'No se pudo copiar al portapapeles: el informe quedó seleccionado abajo; cópielo con Ctrl+C.',
          },
    );
  };

  return (
    <Modal
      title={`Diagnóstico — ${connection.name}`}
      className="diagnostic-dialog"
      onClose={close}
      footer={
        <>
          <p
            className={`save-status ${copied?.ok === false ? 'failed' : 'ok'}`}
            role="status"
            data-testid="diag-copy-status"
          >
            {copied?.text ?? ''}
          </p>
          <button type="button" disabled={!report} onClick={() => void copy()}>
            Copiar informe
          </button>
          <button type="button" className="default-button" onClick={close}>
            Cerrar
          </button>
        </>
      }
    >
      <div className="diag-toolbar">
        <label htmlFor="diag-company">Empresa</label>
        <select
          id="diag-company"
          value={companyId}
          disabled={run.kind === 'running'}
          onChange={(e) => diagnose(e.target.value)}
        >
          {companies.map((c) => (
            <option key={c.companyId} value={c.companyId}>
              {c.name}
            </option>
          ))}
          <option value="">(Ninguna: solo la conexión)</option>
        </select>
        <button type="button" disabled={run.kind === 'running'} onClick={() => diagnose(companyId)}>
          Revisar de nuevo
        </button>
      </div>
      <div className="diag-toolbar">
        <p className="hint">Solo lectura: el diagnóstico no modifica nada en el ERP. Revisa la conexión guardada.</p>
        <span className="spacer" />
        <label className="check-row">
          <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} />
          Mostrar solo faltas y advertencias
        </label>
      </div>
      {run.kind === 'running' && (
        <p className="test-result running" role="status">
          Revisando la base de datos del ERP…
        </p>
      )}
      {run.kind === 'failed' && (
        <div className="test-result failed" role="alert">
          <p>{run.message}</p>
        </div>
      )}
      {report && <DiagnosticSections report={report} onlyProblems={onlyProblems} />}
      {report && copied?.ok === false && (
        // Focused (so scrolled into view) and selected: Ctrl+C is all that is left to do.
        <textarea
          className="diag-copy-text"
          aria-label="Informe para copiar"
          readOnly
          autoFocus
          value={reportAsText(report)}
          onFocus={(e) => {
            e.currentTarget.select();
            e.currentTarget.scrollIntoView({ block: 'nearest' });
          }}
        />
      )}
    </Modal>
  );
}
