import type { DiagnosticCheck, DiagnosticSection } from '../../../../shared/erp-diagnostics';
import { FOLIO_TABLE, FOREIGN_DOCS_IN_SERIES } from '../documents/document-queries';
import { ownSeries } from '../documents/own-series';
import { DEFAULT_INVOICE_SERIES } from '../invoices/plan-invoice';
import { DEFAULT_SERIES } from '../orders/plan-order';
import { grantText, missing, ok, warn, type DoctorContext } from './checks';
import { COMERCIAL_SERIES } from './doctor-queries';
import type { WritePath } from './write-paths';

const KINDS: readonly { path: WritePath['key']; label: string; series: string }[] = [
  { path: 'write:orders', label: 'pedidos', series: DEFAULT_SERIES.pedido },
  { path: 'write:quotes', label: 'cotizaciones', series: DEFAULT_SERIES.cotizacion },
  { path: 'write:invoices', label: 'facturas', series: DEFAULT_INVOICE_SERIES },
];

/**
 * 'series': the folio reservation every writer needs (sp_getapplock inside the write transaction, no table; a legacy
 * dbo.zzWopenFolio is read when present), then per module the Wopen series (the default and any the
 * connector has numbered in this company) and the series Comercial itself numbers, which Wopen must not share.
 */
export async function seriesSection(
  ctx: DoctorContext,
  modules: ReadonlyMap<WritePath['key'], number | null>,
): Promise<DiagnosticSection> {
  const checks: DiagnosticCheck[] = [];
  const folio = await folioReservationCheck(ctx);
  checks.push(folio.check);
  if (ctx.company === null) {
    checks.push(warn('Series de la empresa', 'No se eligió empresa: elija una para revisar sus series y folios.'));
    return { key: 'series', title: 'Series y folios', checks };
  }
  const company = ctx.company;
  for (const kind of KINDS) {
    const module = modules.get(kind.path);
    if (module === null || module === undefined) continue; // the write section already says the module is missing
    const own = await ownSeries(ctx.db, company, module, kind.series);
    for (const [prefix, last] of own) {
      const [row] = await ctx.db.query<{ n: unknown }>(FOREIGN_DOCS_IN_SERIES, { company, module, prefix });
      const subject = `Serie ${prefix} (${kind.label})`;
      const foreign = Number(row?.n ?? 0);
      // A series found only through a Wopen-marked document that Comercial also numbers is not one to configure:
      // only the default series, which the connector uses unless told otherwise, makes that a 'falta'.
      checks.push(
        foreign === 0
          ? ok(
              subject,
              `Serie propia de Wopen en el módulo ${module}${last > 0 ? `, último folio ${last}` : ', aún sin folios'}.`,
            )
          : prefix === kind.series
            ? missing(
                subject,
                `Comercial ya tiene ${foreign} ${kind.label} en la serie «${prefix}» del módulo ${module}: configure para Wopen otra serie propia, o el conector rechazará los documentos para no repetir folios.`,
              )
            : warn(
                subject,
                `La serie «${prefix}» tiene documentos de Wopen y ${foreign} ${kind.label} de Comercial en el módulo ${module}: no la configure para Wopen.`,
              ),
      );
    }
    const used = await ctx.db.query<{ prefix: string | null; n: unknown }>(COMERCIAL_SERIES, { company, module });
    const names = used.map((r) => `«${r.prefix?.trim() ? r.prefix : '(sin serie)'}» (${Number(r.n)})`);
    checks.push(
      ok(
        `Series de Comercial (${kind.label})`,
        names.length
          ? `Comercial numera ${kind.label} de esta empresa en ${names.join(', ')}: no configure ninguna de ellas para Wopen.`
          : `Comercial aún no tiene ${kind.label} en esta empresa.`,
      ),
    );
  }
  return { key: 'series', title: 'Series y folios', checks };
}

/**
 * The reservation takes an application lock (sp_getapplock, allowed to the public role) in the write transaction and
 * needs no table of its own; a legacy dbo.zzWopenFolio, when present, is read so no number it handed out is reused.
 */
async function folioReservationCheck(ctx: DoctorContext): Promise<{ check: DiagnosticCheck }> {
  const subject = 'Reserva de folios';
  const info = await ctx.probe.object(FOLIO_TABLE);
  if (info.exists) {
    const rights = await ctx.probe.objectRights(FOLIO_TABLE);
    if (!rights.select) {
      return {
        check: missing(
          subject,
          `La tabla dbo.${FOLIO_TABLE} de versiones anteriores existe y el usuario «${ctx.user}» no puede leerla, así que no se puede saber qué folios ya se entregaron: pida ${grantText('SELECT', `dbo.${FOLIO_TABLE}`, ctx.user)}.`,
        ),
      };
    }
    return {
      check: ok(
        subject,
        `Se reserva con un candado de aplicación (sp_getapplock) sin crear tablas; la tabla dbo.${FOLIO_TABLE} de versiones anteriores se lee para no repetir sus folios.`,
      ),
    };
  }
  return {
    check: ok(
      subject,
      'Se reserva con un candado de aplicación (sp_getapplock, permitido al rol public) dentro de la transacción: no necesita crear tablas.',
    ),
  };
}
