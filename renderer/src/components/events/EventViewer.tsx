import { useEffect, useMemo, useState } from 'react';
import type { EventFilter, EventRow } from '../../../../shared/ipc-contract';
import { errorText } from '../../format';
import { useConsole } from '../../store/console-store';
import { closeModal } from '../../store/modal-store';
import { Modal } from '../Modal';
import { EventDetail } from './EventDetail';
import { ALL_LEVELS, EventFilters, type ViewerFilters } from './EventFilters';
import { defaultRange, rangeInstants, rangePhrase } from './range';
import { RetentionSetting } from './RetentionSetting';
import { VirtualEventList } from './VirtualEventList';

const TEXT_DELAY_MS = 300;

/** "Visor de eventos": the last 7 days by default, filtered, newest first, with detail and CSV export. */
export function EventViewer() {
  const close = (): void => closeModal('events');
  const companies = useConsole((s) => s.companies);
  const connectionId = useConsole((s) => s.connectionId);
  const [filters, setFilters] = useState<ViewerFilters>(() => ({
    range: defaultRange('7d'),
    companyId: '',
    levels: ALL_LEVELS,
    catalog: '',
    trigger: '',
    text: '',
  }));
  const [text, setText] = useState('');
  // "Now" of the range: fixed until Actualizar (else every render would be a new filter).
  const [now, setNow] = useState(() => Date.now());
  const [selected, setSelected] = useState<EventRow | null>(null);
  const [exportStatus, setExportStatus] = useState('');
  const [exporting, setExporting] = useState(false);

  // Free text is applied after a short pause, not on every key.
  useEffect(() => {
    const t = setTimeout(() => setText(filters.text.trim()), TEXT_DELAY_MS);
    return () => clearTimeout(t);
  }, [filters.text]);

  const built = useMemo((): { filter: EventFilter } | { error: string } => {
    const range = rangeInstants(filters.range, new Date(now));
    if ('error' in range) return range;
    if (filters.levels.length === 0)
      return { error: 'Marque al menos un tipo de evento (Información, Advertencia o Error).' };
    const filter: EventFilter = { from: range.from, to: range.to };
    if (filters.companyId && connectionId !== null) {
      filter.connectionId = connectionId;
      filter.companyId = filters.companyId;
    }
    if (filters.levels.length < ALL_LEVELS.length) filter.levels = filters.levels;
    if (filters.catalog) filter.catalog = filters.catalog;
    if (filters.trigger) filter.trigger = filters.trigger;
    if (text) filter.text = text;
    return { filter };
  }, [filters.range, filters.companyId, filters.levels, filters.catalog, filters.trigger, text, now, connectionId]);

  const filterKey = 'filter' in built ? JSON.stringify(built.filter) : 'invalid';

  const onChange = (patch: Partial<ViewerFilters>): void => {
    setFilters((f) => ({ ...f, ...patch }));
    setExportStatus('');
    if (patch.range) setNow(Date.now());
  };

  const refresh = (): void => {
    setNow(Date.now());
    setSelected(null);
  };

  const exportCsv = (): void => {
    if (!('filter' in built) || exporting) return;
    setExporting(true);
    setExportStatus('Exportando…');
    // Main asks where to save (*Guardar como*) and writes the file in chunks; nothing big crosses IPC.
    window.api.exportEvents({ filter: built.filter }).then(
      (r) => {
        setExportStatus(
          r.saved ? `Se exportaron ${r.rows.toLocaleString('es-MX')} eventos a «${r.path}».` : 'Exportación cancelada.',
        );
        setExporting(false);
      },
      (err: unknown) => {
        setExportStatus(`No se exportaron los eventos: ${errorText(err)}`);
        setExporting(false);
      },
    );
  };

  return (
    <Modal
      title="Visor de eventos"
      className="event-viewer"
      onClose={close}
      footer={
        <>
          <RetentionSetting />
          <span className="spacer" />
          <button type="button" onClick={refresh}>
            Actualizar
          </button>
          <button type="button" disabled={!('filter' in built) || exporting} onClick={exportCsv}>
            Exportar CSV
          </button>
          <button type="button" className="default-button" data-autofocus onClick={close}>
            Cerrar
          </button>
        </>
      }
    >
      <EventFilters value={filters} onChange={onChange} companies={companies} />
      {'error' in built ? (
        <p className="banner warning" role="alert">
          {built.error}
        </p>
      ) : (
        <VirtualEventList
          key={filterKey}
          filter={built.filter}
          selectedId={selected?.id ?? null}
          onSelect={setSelected}
          emptyText={`No hay eventos ${rangePhrase(filters.range)} con estos filtros.`}
        />
      )}
      <p className="export-status" role="status">
        {exportStatus}
      </p>
      {selected ? (
        <EventDetail key={selected.id} eventId={selected.id} />
      ) : (
        <p className="hint event-detail-placeholder">Seleccione un evento para ver su detalle.</p>
      )}
    </Modal>
  );
}
