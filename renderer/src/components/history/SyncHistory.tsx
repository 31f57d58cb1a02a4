import { CompanySelect } from '../CompanySelect';
import { useId, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { EventFilter, RunHistoryRow } from '../../../../shared/ipc-contract';
import { errorText } from '../../format';
import { useConsole } from '../../store/console-store';
import { useSync } from '../../store/sync-store';
import { useCompanySync } from '../../store/use-company-sync';
import { apiQuery } from '../../queries/query-client';
import { closeModal } from '../../store/modal-store';
import { Modal } from '../Modal';
import { RangePicker } from '../events/RangePicker';
import { defaultRange, rangeInstants, rangePhrase, type RangeChoice } from '../events/range';
import { RunErrors } from './RunErrors';
import { RunStatsSummary } from './RunStatsSummary';
import { RunsChart } from './RunsChart';
import { RunTable } from './RunTable';

const HISTORY_LIMIT = 500;

/** "Historial de sincronización": today's rates, runs per day, every run's catalogs and their errors. */
export function SyncHistory() {
  const close = (): void => closeModal('history');
  const companies = useConsole((s) => s.companies);
  const connectionId = useConsole((s) => s.connectionId);
  const selectedCompanyId = useConsole((s) => s.selectedCompanyId);
  const syncNow = useSync((s) => s.syncNow);
  const companyFieldId = useId();

  const [range, setRange] = useState<RangeChoice>(() => defaultRange('today'));
  const [companyId, setCompanyId] = useState(selectedCompanyId ?? '');
  const [now, setNow] = useState(() => Date.now());
  const [retry, setRetry] = useState<{ ok: boolean; message: string } | null>(null);

  const entry = useCompanySync(connectionId, companyId);
  const running = entry?.running ?? false;

  const built = useMemo((): { filter: EventFilter } | { error: string } => {
    const r = rangeInstants(range, new Date(now));
    if ('error' in r) return r;
    const filter: EventFilter = { from: r.from, to: r.to };
    if (companyId && connectionId !== null) {
      filter.connectionId = connectionId;
      filter.companyId = companyId;
    } else if (connectionId !== null) {
      filter.connectionId = connectionId;
    }
    return { filter };
  }, [range, now, companyId, connectionId]);

  const company = companies.find((c) => c.companyId === companyId);

  return (
    <Modal
      title="Historial de sincronización"
      className="sync-history"
      onClose={close}
      footer={
        <>
          <p className="hint footer-hint">
            {running
              ? 'Sincronizando… puede seguir trabajando; el historial se actualiza al terminar.'
              : 'Las sincronizaciones pueden tardar unos minutos; puede seguir trabajando.'}
          </p>
          <span className="spacer" />
          <button type="button" onClick={() => setNow(Date.now())}>
            Actualizar
          </button>
          <button
            type="button"
            disabled={connectionId === null || !companyId || running}
            title={companyId ? undefined : 'Elija una empresa para sincronizarla.'}
            onClick={() => connectionId !== null && companyId && void syncNow(connectionId, companyId)}
          >
            {running ? 'Sincronizando…' : 'Sincronizar ahora'}
          </button>
          <button type="button" className="default-button" data-autofocus onClick={close}>
            Cerrar
          </button>
        </>
      }
    >
      <div className="history-filters">
        <RangePicker
          idPrefix="hist"
          value={range}
          onChange={(r) => {
            setRange(r);
            setNow(Date.now());
          }}
        />
        <CompanySelect id={companyFieldId} companies={companies} value={companyId} onChange={setCompanyId} />
      </div>
      <p className={`retry-status ${retry?.ok === false ? 'failed' : 'ok'}`} role="status">
        {retry?.message ?? ''}
      </p>
      {'error' in built ? (
        <p className="banner warning" role="alert">
          {built.error}
        </p>
      ) : (
        <HistoryData
          onRetry={setRetry}
          key={JSON.stringify(built.filter)}
          filter={built.filter}
          phrase={rangePhrase(range)}
          showCompany={!company}
        />
      )}
    </Modal>
  );
}

/** Stats, chart, table and errors of one filter; mounted once per filter, reloaded when a run starts or ends. */
interface HistoryDataProps {
  filter: EventFilter;
  phrase: string;
  showCompany: boolean;
  onRetry: (result: { ok: boolean; message: string }) => void;
}

function HistoryData({ filter, phrase, showCompany, onRetry }: HistoryDataProps) {
  const stats = useQuery(apiQuery('getRunStats', { filter }));
  const rows = useQuery(apiQuery('listRunHistory', { filter, limit: HISTORY_LIMIT }));
  const [selected, setSelected] = useState<RunHistoryRow | null>(null);

  const error = stats.error ?? rows.error;
  if (error) {
    return (
      <p className="banner warning" role="alert">
        No se pudo leer el historial: {errorText(error)}
      </p>
    );
  }
  const data = stats.data && rows.data ? { stats: stats.data, rows: rows.data } : null;
  if (!data) return <p className="hint">Leyendo el historial…</p>;
  return (
    <>
      <div className="history-top">
        <RunStatsSummary stats={data.stats} phrase={phrase} />
        <RunsChart perDay={data.stats.perDay} />
      </div>
      <p className="hint">Seleccione una fila para ver los errores por registro de esa sincronización.</p>
      <RunTable
        rows={data.rows}
        showCompany={showCompany}
        selectedRunId={selected?.runId ?? null}
        onSelect={setSelected}
        emptyText={`No hay sincronizaciones ${phrase}.`}
      />
      {data.rows.length >= HISTORY_LIMIT && (
        <p className="hint">
          Se muestran las {HISTORY_LIMIT} filas más recientes; elija un periodo más corto para ver las anteriores.
        </p>
      )}
      {selected && <RunErrors key={selected.runId} run={selected} onRetry={onRetry} />}
    </>
  );
}
