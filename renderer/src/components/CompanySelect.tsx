import type { CompanyRow } from '../../../shared/ipc-contract';

/** The "Empresa" filter of the Visor de eventos and the Historial: one company, or all of them. */
export function CompanySelect({
  id,
  companies,
  value,
  onChange,
}: {
  id: string;
  companies: readonly CompanyRow[];
  value: string;
  onChange: (companyId: string) => void;
}) {
  return (
    <div className="filter-field">
      <label htmlFor={id}>Empresa</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Todas</option>
        {companies.map((c) => (
          <option key={c.companyId} value={c.companyId}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}
