import type { DiagnosticCheck, DiagnosticSection } from '../../../../shared/erp-diagnostics';
import type { ErpBranch } from '../../port';
import type { SeriesFacts } from '../orders/order-facts';
import { seriesOfBranch } from '../orders/load-order-facts';
import { missing, ok, warn } from '../../../../shared/erp-diagnostics';

const KIND = { P: 'pedidos', C: 'cotizaciones' } as const;

const label = (s: SeriesFacts) => `${s.serie === '@' ? '(sin serie)' : s.serie} (siguiente folio ${s.consecutivo})`;

/** FOLIOS_VENTAS of Ventas per branch, as the writer will choose from them (load-order-facts.ts seriesOfBranch). */
export function seriesSection(
  series: readonly SeriesFacts[],
  branches: readonly ErpBranch[],
  perBranch: boolean,
): DiagnosticSection {
  const checks: DiagnosticCheck[] = [];
  const scopes: { name: string; id: number | null }[] =
    perBranch && branches.length > 0
      ? branches.map((b) => ({
          name: `${/^sucursal\b/i.test(b.name) ? '' : 'Sucursal '}${b.name} (${b.id})`,
          id: Number(b.id),
        }))
      : [{ name: 'Empresa', id: null }];
  for (const scope of scopes) {
    const own = seriesOfBranch(series, scope.id);
    for (const tipo of ['P', 'C'] as const) {
      const rows = own.filter((s) => s.tipoDocto === tipo);
      const subject = `${scope.name}: series de ${KIND[tipo]}`;
      if (rows.length === 0 && scope.id !== null) {
        // Real databases have branches that take no sales (e.g. «Mercancía en tránsito»): only the company's Sucursal matters.
        checks.push(
          warn(
            subject,
            `No hay folios de ${KIND[tipo]} en FOLIOS_VENTAS para esta sucursal: si la elige como Sucursal de la empresa, configure antes en Microsip una serie de ${KIND[tipo]} de Ventas para ella.`,
          ),
        );
      } else if (rows.length === 0) {
        checks.push(
          missing(
            subject,
            `No hay folios de ${KIND[tipo]} en FOLIOS_VENTAS${scope.id === null ? '' : ' para esta sucursal'}: configure en Microsip una serie de ${KIND[tipo]} de Ventas${scope.id === null ? '' : ' para la sucursal'}.`,
          ),
        );
      } else if (scope.id !== null && !rows.some((s) => s.branchId === scope.id)) {
        checks.push(
          warn(
            subject,
            `La sucursal no tiene series propias; se usan las que no son de ninguna sucursal: ${rows.map(label).join(', ')}.`,
          ),
        );
      } else {
        checks.push(ok(subject, `${rows.map(label).join(', ')}; sin serie configurada se usa la primera.`));
      }
    }
  }
  return { key: 'series', title: 'Series y folios', checks };
}
