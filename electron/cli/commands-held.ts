import type { Command } from 'commander';
import type { OpenedConsole } from '../hosting/compose';
import { EngineLease } from '../hosting/engine-lease';
import { SyncRequestsRepo } from '../hosting/sync-requests-repo';
import { describeEngine } from '../hosting/engine-role';
import { CATALOG_LABELS, isCatalogName, type CatalogName } from '../../shared/catalogs';
import type { Scope } from '../core/scope';
import type { HeldCatalog } from '../engine/held-deactivations-repo';
import { ConnectionsRepo } from '../settings/connections-repo';
import { APP_VERSION } from './version';
import { CliError, parseId, type CliIo } from './cli-io';
import { throwForRuns, withLease } from './commands-sync';

const fmt = (n: number) => n.toLocaleString('es-MX');

function heldLine(h: HeldCatalog): string {
  const pct = h.storeHolds === 0 ? 100 : Math.round((h.held / h.storeHolds) * 100);
  const why = h.reason === 'emptied' ? 'el ERP lo devolvió vacío' : `${pct} % de ${fmt(h.storeHolds)} en la tienda`;
  const approved = h.approvedAt ? ` — aplicado por ${h.approvedBy ?? '?'}, se envía en la próxima sincronización` : '';
  return `  ${CATALOG_LABELS[h.catalog]} (${h.catalog}): ${fmt(h.held)} bajas retenidas (${why}) desde ${h.heldAt}${approved}\n    p. ej.: ${h.samples.join(', ')}\n`;
}

function parseCatalogs(values: string[] | undefined): CatalogName[] {
  return (values ?? []).map((v) => {
    if (!isCatalogName(v)) throw new CliError(`Catálogo desconocido: «${v}». Use los nombres de «held list».`);
    return v;
  });
}

/** `wopen-sync held list|apply|discard`: the deactivations a run held for a person (docs/held-deactivations.md). */
export function registerHeldCommands(program: Command, io: CliIo, opened: () => OpenedConsole): void {
  const held = program
    .command('held')
    .description('Bajas retenidas: desactivaciones masivas que esperan revisión (Aplicar / Descartar)');

  const scopeOf = (o: { connection: string; company: string }): Scope => ({
    connectionId: parseId(o.connection, '--connection'),
    companyId: o.company,
  });

  held
    .command('list')
    .description('Muestra las bajas retenidas por empresa y catálogo')
    .option('--connection <id>', 'número de conexión')
    .option('--company <id>', 'empresa')
    .option('--json', 'salida JSON')
    .action((o: { connection?: string; company?: string; json?: boolean }) => {
      if ((o.connection === undefined) !== (o.company === undefined))
        throw new CliError('Indique --connection y --company juntos.');
      const ctx = opened();
      const scopes =
        o.connection !== undefined && o.company !== undefined
          ? [scopeOf({ connection: o.connection, company: o.company })]
          : ctx.engine.held.scopes();
      const connections = new ConnectionsRepo(ctx.db);
      const rows = scopes.map((s) => ({
        ...s,
        name: connections.companyName(s.connectionId, s.companyId) ?? s.companyId,
        held: ctx.engine.held.list(s),
      }));
      if (o.json) {
        io.out(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const withHeld = rows.filter((r) => r.held.length > 0);
      if (withHeld.length === 0) io.out('No hay bajas retenidas.\n');
      for (const r of withHeld)
        io.out(`${r.name} (conexión ${r.connectionId}, empresa ${r.companyId}):\n${r.held.map(heldLine).join('')}`);
    });

  held
    .command('apply')
    .description('Aplicar: envía las bajas retenidas (las que el ERP sigue sin tener) y sincroniza la empresa')
    .requiredOption('--connection <id>', 'número de conexión')
    .requiredOption('--company <id>', 'empresa')
    .option('--catalog <name...>', 'solo estos catálogos (predeterminado: todos los retenidos)')
    .action(async (o: { connection: string; company: string; catalog?: string[] }) => {
      const ctx = opened();
      const s = scopeOf(o);
      const catalogs = parseCatalogs(o.catalog);
      const actor = `cli:${io.env.USERNAME ?? io.env.USER ?? 'usuario'}`;
      const approved = ctx.engine.approveHeld(s, catalogs, actor);
      const what = approved.map((h) => `${fmt(h.held)} de ${CATALOG_LABELS[h.catalog]}`).join(', ');
      const lease = new EngineLease(ctx.db, { kind: 'cli', version: APP_VERSION });
      const holder = lease.holder();
      if (holder && lease.isLive(holder)) {
        // The process that runs the engine sends them on the run asked for here (or its next scheduled one).
        new SyncRequestsRepo(ctx.db).request(s, actor);
        io.out(`Bajas aprobadas (${what}). ${describeEngine('monitor', holder)} Se le pidió sincronizar ahora.\n`);
        return;
      }
      const summary = await withLease(ctx, (signal) => ctx.engine.run(s, { trigger: 'manual', signal }));
      io.out(`Bajas aprobadas (${what}). ${summary.companyName}: ${summary.message}\n`);
      throwForRuns([summary]);
    });

  held
    .command('discard')
    .description('Descartar: no envía las bajas retenidas; la tienda queda como está y la revisión sigue activa')
    .requiredOption('--connection <id>', 'número de conexión')
    .requiredOption('--company <id>', 'empresa')
    .option('--catalog <name...>', 'solo estos catálogos (predeterminado: todos los retenidos)')
    .action((o: { connection: string; company: string; catalog?: string[] }) => {
      const ctx = opened();
      const discarded = ctx.engine.discardHeld(scopeOf(o), parseCatalogs(o.catalog));
      const what = discarded.map((h) => `${fmt(h.held)} de ${CATALOG_LABELS[h.catalog]}`).join(', ');
      io.out(
        `Bajas descartadas (${what}): la tienda queda como está. Si el ERP sigue igual, la próxima sincronización las retendrá otra vez.\n`,
      );
    });
}
