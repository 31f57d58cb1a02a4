import type { DiagnosticCheck, DiagnosticSection } from '../../../../shared/erp-diagnostics';
import { FOLIO_TABLE, FOREIGN_DOCS_IN_SERIES, SERIES_OF_COMPANY } from '../documents/document-queries';
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
 * 'series': the folio reservation every writer needs (today the connector's own table dbo.zzWopenFolio, created on the
 * first write: CREATE TABLE, or the table made by hand), then per module the Wopen series (the default and any the
 * connector has numbered in this company) and the series Comercial itself numbers, which Wopen must not share.
 */
export async function seriesSection(ctx: DoctorContext, modules: ReadonlyMap<WritePath['key'], number | null>): Promise<DiagnosticSection> {
  const checks: DiagnosticCheck[] = [];
  const folio = await folioReservationCheck(ctx);
  checks.push(folio.check);
  if (ctx.company === null) {
    checks.push(warn('Series de la empresa', 'No se eligió empresa: elija una para revisar sus series y folios.'));
    return { key: 'series', title: 'Series y folios', checks };
  }
  const company = ctx.company;
  const numbered = folio.readable ? await ctx.db.query<{ moduleId: unknown; prefix: string; lastFolio: unknown }>(SERIES_OF_COMPANY, { company }) : [];
  for (const kind of KINDS) {
    const module = modules.get(kind.path);
    if (module === null || module === undefined) continue; // the write section already says the module is missing
    const own = new Map<string, number>([[kind.series, 0]]);
    for (const r of numbered) if (Number(r.moduleId) === module) own.set(r.prefix, Number(r.lastFolio));
    for (const [prefix, last] of own) {
      const [row] = await ctx.db.query<{ n: unknown }>(FOREIGN_DOCS_IN_SERIES, { company, module, prefix });
      const subject = `Serie ${prefix} (${kind.label})`;
      const foreign = Number(row?.n ?? 0);
      checks.push(
        foreign > 0
          ? missing(subject, `Comercial ya tiene ${foreign} ${kind.label} en la serie «${prefix}» del módulo ${module}: configure para Wopen otra serie propia, o el conector rechazará los documentos para no repetir folios.`)
          : ok(subject, `Serie propia de Wopen en el módulo ${module}${last > 0 ? `, último folio ${last}` : ', aún sin folios'}.`),
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

/** The reservation table: present and writable, or creatable by this login on the first write. */
async function folioReservationCheck(ctx: DoctorContext): Promise<{ check: DiagnosticCheck; readable: boolean }> {
  const subject = `Reserva de folios (dbo.${FOLIO_TABLE})`;
  const info = await ctx.probe.object(FOLIO_TABLE);
  if (info.exists) {
    const rights = await ctx.probe.objectRights(FOLIO_TABLE);
    const lacking = [rights.select ? null : 'SELECT', rights.insert ? null : 'INSERT', rights.update ? null : 'UPDATE'].filter((p): p is string => p !== null);
    if (lacking.length === 0) return { check: ok(subject, `La tabla existe y el usuario «${ctx.user}» puede leerla y modificarla.`), readable: true };
    return {
      check: missing(
        subject,
        `La tabla existe, pero el usuario «${ctx.user}» no tiene ${lacking.join(', ')} en ella y no se puede reservar folio para ningún documento: pida ${grantText(lacking.join(', '), `dbo.${FOLIO_TABLE}`, ctx.user)}.`,
      ),
      readable: rights.select,
    };
  }
  const rights = await ctx.probe.createTableRights();
  if (rights.createTable && rights.alterSchema) {
    return { check: ok(subject, `La tabla aún no existe; el conector la creará al escribir el primer documento (el usuario «${ctx.user}» puede crear tablas).`), readable: false };
  }
  const grants = [rights.createTable ? null : grantText('CREATE TABLE', null, ctx.user), rights.alterSchema ? null : grantText('ALTER', 'SCHEMA::dbo', ctx.user)].filter(
    (g): g is string => g !== null,
  );
  return {
    check: missing(
      subject,
      `La tabla no existe y el usuario «${ctx.user}» no puede crearla, así que no se puede reservar folio para pedidos, cotizaciones ni facturas: pida ${grants.join(' y ')}, o que un administrador cree dbo.${FOLIO_TABLE} (soporte le da la instrucción) y conceda ${grantText('SELECT, INSERT, UPDATE', `dbo.${FOLIO_TABLE}`, ctx.user)}.`,
    ),
    readable: false,
  };
}
