import type { RunStats } from '../../../../shared/ipc-contract';
import { RUN_COUNT_LABELS } from '../../../../shared/labels';

const WIDTH = 640;
const HEIGHT = 150;
const LEFT = 34;
const BOTTOM = 20;
const TOP = 8;
const SERIES = [
  { key: 'success', label: RUN_COUNT_LABELS.success, className: 'bar-success' },
  { key: 'partial', label: RUN_COUNT_LABELS.partial, className: 'bar-partial' },
  { key: 'failed', label: RUN_COUNT_LABELS.failed, className: 'bar-failed' },
  { key: 'review', label: RUN_COUNT_LABELS.review, className: 'bar-review' },
] as const;

/** "2026-11-25" → "25/11". */
const shortDay = (day: string): string => {
  const [, m, d] = day.split('-');
  return m && d ? `${d}/${m}` : day;
};

/** Runs per day, stacked by state (Exitosas / Parciales / Fallidas / Requieren revisión), drawn as plain SVG bars. */
export function RunsChart({ perDay }: { perDay: RunStats['perDay'] }) {
  const totals = perDay.map((d) => d.success + d.partial + d.failed + d.review);
  // An even top keeps the middle grid line on a whole number (0, 3, 6 rather than 0, 4, 7).
  const peak = Math.max(1, ...totals);
  const max = peak > 1 && peak % 2 === 1 ? peak + 1 : peak;
  const plotW = WIDTH - LEFT - 4;
  const plotH = HEIGHT - TOP - BOTTOM;
  const slot = perDay.length > 0 ? plotW / perDay.length : plotW;
  const barW = Math.max(3, Math.min(36, slot - 4));
  const labelEvery = Math.ceil(perDay.length / 12);
  const y = (v: number): number => TOP + plotH - (v / max) * plotH;
  const summary = perDay
    .map(
      (d) =>
        `${shortDay(d.day)}: ${d.success} exitosas, ${d.partial} parciales, ${d.failed} fallidas, ${d.review} requieren revisión`,
    )
    .join('; ');

  return (
    <figure className="runs-chart">
      <figcaption>Sincronizaciones por día</figcaption>
      {perDay.length === 0 ? (
        <p className="hint">No hay sincronizaciones en el periodo.</p>
      ) : (
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          width={WIDTH}
          height={HEIGHT}
          role="img"
          aria-label={`Sincronizaciones por día. ${summary}`}
        >
          {(max > 1 ? [0, 0.5, 1] : [0, 1]).map((f) => {
            const v = max * f;
            return (
              <g key={f} className="grid-line">
                <line x1={LEFT} x2={WIDTH - 4} y1={y(v)} y2={y(v)} />
                <text x={LEFT - 4} y={y(v) + 4} textAnchor="end">
                  {v}
                </text>
              </g>
            );
          })}
          {perDay.map((d, i) => {
            const x = LEFT + i * slot + (slot - barW) / 2;
            let base = 0;
            return (
              <g key={d.day} data-day={d.day}>
                <title>{`${shortDay(d.day)}: ${d.success} exitosas, ${d.partial} parciales, ${d.failed} fallidas, ${d.review} requieren revisión`}</title>
                {SERIES.map((s) => {
                  const v = d[s.key];
                  if (v === 0) return null;
                  const top = y(base + v);
                  const rect = (
                    <rect key={s.key} className={s.className} x={x} y={top} width={barW} height={y(base) - top} />
                  );
                  base += v;
                  return rect;
                })}
                {i % labelEvery === 0 && (
                  <text className="day-label" x={x + barW / 2} y={HEIGHT - 6} textAnchor="middle">
                    {shortDay(d.day)}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      )}
      <ul className="chart-legend">
        {SERIES.map((s) => (
          <li key={s.key}>
            <span className={`swatch ${s.className}`} aria-hidden="true" />
            {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
