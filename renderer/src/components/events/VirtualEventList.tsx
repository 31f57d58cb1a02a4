import { useEffect, useId, useMemo, useRef, type KeyboardEvent } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { EventFilter, EventRow } from '../../../../shared/ipc-contract';
import { eventPages } from '../../queries/event-pages';
import { LEVEL_LABELS, TRIGGER_LABELS } from '../../../../shared/labels';
import { errorText, formatLocalDateTime } from '../../format';
import { catalogLabel } from './labels';

/** Fixed row height (px): the virtualizer renders only the rows in view, so a million events scroll like ten. */
export const ROW_HEIGHT = 26;
const VISIBLE_ROWS = 14;
const VIEW_HEIGHT = ROW_HEIGHT * VISIBLE_ROWS;
/** Rows rendered above and below the visible ones, so fast scrolling does not show blanks. */
const OVERSCAN = 8;
const PAGE_SIZE = 200;
/** Ask for the next page when fewer than this many loaded rows remain below the view. */
const PREFETCH_ROWS = 60;

interface Props {
  filter: EventFilter;
  selectedId: number | null;
  onSelect: (row: EventRow) => void;
  emptyText: string;
}

/**
 * The events of one filter, newest first, as a windowed listbox: pages arrive through the keyset cursor
 * while the user scrolls. Up/Down, Re Pág/Av Pág, Inicio/Fin move the selection. Mounted once per filter
 * (the parent keys it), so a new filter starts from an empty list.
 */
export function VirtualEventList({ filter, selectedId, onSelect, emptyText }: Props) {
  const query = useInfiniteQuery(eventPages(filter, PAGE_SIZE));
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.events) ?? [], [query.data]);
  const error = query.error ? errorText(query.error) : null;
  const done = query.isSuccess && !query.hasNextPage;
  /** The first page arrived (or failed). */
  const loaded = query.data !== undefined || error !== null;
  const viewport = useRef<HTMLDivElement>(null);
  const listId = `events-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;

  const showLoadingRow = !done && !error;
  // The loading row is one more item after the last event, so it scrolls into view like a row.
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the component re-renders on scroll as intended
  const virtualizer = useVirtualizer({
    count: rows.length + (showLoadingRow ? 1 : 0),
    getScrollElement: () => viewport.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    initialRect: { width: 0, height: VIEW_HEIGHT },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = Math.min(rows.length, (items.at(-1)?.index ?? -1) + 1);
  const needMore = loaded && !done && !error && rows.length - last < PREFETCH_ROWS;
  const { fetchNextPage, isFetching } = query;

  useEffect(() => {
    if (needMore && !isFetching) void fetchNextPage();
  }, [needMore, isFetching, fetchNextPage]);

  const selectedIndex = selectedId === null ? -1 : rows.findIndex((r) => r.id === selectedId);

  const moveTo = (index: number): void => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    const i = rows.indexOf(row);
    onSelect(row);
    virtualizer.scrollToIndex(i, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const steps: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: VISIBLE_ROWS - 1,
      PageUp: -(VISIBLE_ROWS - 1),
      Home: -Infinity,
      End: Infinity,
    };
    const step = steps[e.key];
    if (step === undefined) return;
    e.preventDefault();
    const from = selectedIndex < 0 ? (step > 0 ? -1 : 0) : selectedIndex;
    moveTo(step === Infinity ? rows.length - 1 : step === -Infinity ? 0 : from + step);
  };

  const rowId = (id: number): string => `${listId}-row-${id}`;

  return (
    <div className="event-list">
      <div className="event-row event-header" aria-hidden="true">
        <span>Fecha y hora</span>
        <span>Tipo</span>
        <span>Empresa</span>
        <span>Catálogo</span>
        <span>Origen</span>
        <span>Mensaje</span>
      </div>
      <div
        ref={viewport}
        className="event-viewport"
        style={{ height: VIEW_HEIGHT }}
        role="listbox"
        aria-label="Eventos"
        tabIndex={0}
        aria-activedescendant={
          selectedIndex >= first && selectedIndex < last && selectedId !== null ? rowId(selectedId) : undefined
        }
        onKeyDown={onKeyDown}
        data-loaded-rows={rows.length}
      >
        <div className="event-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {items.map(({ index, start }) => {
            const r = rows[index];
            if (!r) {
              return (
                <div key="loading" className="event-row loading-row" style={{ transform: `translateY(${start}px)` }}>
                  <span className="cell">Leyendo eventos…</span>
                </div>
              );
            }
            return (
              <div
                key={r.id}
                id={rowId(r.id)}
                role="option"
                aria-selected={r.id === selectedId}
                className={`event-row level-${r.level} ${r.id === selectedId ? 'selected' : ''}`}
                style={{ transform: `translateY(${start}px)` }}
                onClick={() => onSelect(r)}
              >
                <span className="cell nowrap">{formatLocalDateTime(r.at)}</span>
                <span className="cell level">{LEVEL_LABELS[r.level]}</span>
                <span className="cell">{r.companyName ?? r.companyId ?? '—'}</span>
                <span className="cell">{r.catalog ? catalogLabel(r.catalog) : '—'}</span>
                <span className="cell">{r.trigger ? TRIGGER_LABELS[r.trigger] : '—'}</span>
                <span className="cell message" title={r.message}>
                  {r.message}
                </span>
              </div>
            );
          })}
        </div>
        {loaded && rows.length === 0 && !error && <p className="event-empty">{emptyText}</p>}
      </div>
      <p className="event-list-status" role="status">
        {error
          ? `No se pudieron leer los eventos: ${error}`
          : loaded
            ? done
              ? `${countText(rows.length)}.`
              : `${countText(rows.length)} cargados; desplácese para ver más.`
            : ''}
      </p>
    </div>
  );
}

const countText = (n: number): string => (n === 1 ? '1 evento' : `${n.toLocaleString('es-MX')} eventos`);
