import { CompanySelect } from '../CompanySelect';
import { useId } from 'react';
import { CATALOGS, CATALOG_LABELS } from '../../../../shared/catalogs';
import type { CompanyRow, EventView } from '../../../../shared/ipc-contract';
import { LEVEL_LABELS, TRIGGER_LABELS } from '../../../../shared/labels';
import { RangePicker } from './RangePicker';
import type { RangeChoice } from './range';

export type Level = EventView['level'];
export const ALL_LEVELS: Level[] = ['info', 'warning', 'error'];

export interface ViewerFilters {
  range: RangeChoice;
  /** '' = todas las empresas. */
  companyId: string;
  levels: Level[];
  /** '' = todos los catálogos. */
  catalog: string;
  trigger: '' | 'manual' | 'automatic';
  /** As typed; applied after a short pause. */
  text: string;
}

interface Props {
  value: ViewerFilters;
  onChange: (patch: Partial<ViewerFilters>) => void;
  companies: CompanyRow[];
}

/** Periodo, Empresa, Tipo, Catálogo, Origen and Buscar of the Visor de eventos. */
export function EventFilters({ value, onChange, companies }: Props) {
  const uid = useId();
  const id = (s: string): string => `ev-${s}-${uid}`;
  const toggleLevel = (level: Level): void =>
    onChange({
      levels: value.levels.includes(level)
        ? value.levels.filter((l) => l !== level)
        : ALL_LEVELS.filter((l) => l === level || value.levels.includes(l)),
    });

  return (
    <div className="event-filters" role="search" aria-label="Filtros de eventos">
      <RangePicker idPrefix="ev" value={value.range} onChange={(range) => onChange({ range })} />
      <CompanySelect
        id={id('company')}
        companies={companies}
        value={value.companyId}
        onChange={(companyId) => onChange({ companyId })}
      />
      <div className="filter-field">
        <label htmlFor={id('catalog')}>Catálogo</label>
        <select id={id('catalog')} value={value.catalog} onChange={(e) => onChange({ catalog: e.target.value })}>
          <option value="">Todos</option>
          {CATALOGS.map((c) => (
            <option key={c} value={c}>
              {CATALOG_LABELS[c]}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={id('trigger')}>Sincronización</label>
        <select
          id={id('trigger')}
          value={value.trigger}
          onChange={(e) => onChange({ trigger: e.target.value as ViewerFilters['trigger'] })}
        >
          <option value="">Manual y automática</option>
          <option value="manual">{TRIGGER_LABELS.manual}</option>
          <option value="automatic">{TRIGGER_LABELS.automatic}</option>
        </select>
      </div>
      <fieldset className="filter-field level-filter">
        <legend>Tipo</legend>
        {ALL_LEVELS.map((l) => (
          <label key={l} className={`level-choice level-${l}`}>
            <input type="checkbox" checked={value.levels.includes(l)} onChange={() => toggleLevel(l)} />
            {LEVEL_LABELS[l]}
          </label>
        ))}
      </fieldset>
      <div className="filter-field text-filter">
        <label htmlFor={id('text')}>Buscar</label>
        <input
          id={id('text')}
          type="search"
          value={value.text}
          maxLength={200}
          placeholder="Texto del mensaje o clave"
          onChange={(e) => onChange({ text: e.target.value })}
        />
      </div>
    </div>
  );
}
