import { useId } from 'react';
import { RANGE_LABELS, type RangeChoice, type RangeKind } from './range';

/** "Periodo": Hoy / 7 días / 30 días / Personalizado (with Desde and Hasta dates). */
export function RangePicker({
  value,
  onChange,
  idPrefix,
}: {
  value: RangeChoice;
  onChange: (r: RangeChoice) => void;
  idPrefix: string;
}) {
  const uid = useId();
  const id = (s: string): string => `${idPrefix}-${s}-${uid}`;
  return (
    <div className="filter-field range-picker">
      <label htmlFor={id('range')}>Periodo</label>
      <select
        id={id('range')}
        value={value.kind}
        onChange={(e) => onChange({ ...value, kind: e.target.value as RangeKind })}
      >
        {(Object.keys(RANGE_LABELS) as RangeKind[]).map((k) => (
          <option key={k} value={k}>
            {RANGE_LABELS[k]}
          </option>
        ))}
      </select>
      {value.kind === 'custom' && (
        <>
          <label htmlFor={id('from')}>Desde</label>
          <input
            id={id('from')}
            type="date"
            value={value.customFrom}
            onChange={(e) => onChange({ ...value, customFrom: e.target.value })}
          />
          <label htmlFor={id('to')}>Hasta</label>
          <input
            id={id('to')}
            type="date"
            value={value.customTo}
            onChange={(e) => onChange({ ...value, customTo: e.target.value })}
          />
        </>
      )}
    </div>
  );
}
