import type { Command } from 'commander';
import type { OpenedConsole } from '../hosting/compose';
import { EngineLease } from '../hosting/engine-lease';
import { describeEngine } from '../hosting/engine-role';
import { CompanySettingsRepo } from '../settings/company-settings-repo';
import { ConnectionsRepo } from '../settings/connections-repo';
import { RUN_STATE_LABELS } from '../../shared/labels';
import { parsePauseEnd, pauseLabel, type PauseTarget } from '../../shared/sync-pause';
import type { NamedPause } from '../app/pause-service';
import { APP_VERSION } from './version';
import { CliError, parseId, type CliIo } from './cli-io';

interface TargetOptions {
  connection?: string;
  company?: string;
  all?: boolean;
}

function targetOf(o: TargetOptions): PauseTarget {
  const one = o.connection !== undefined || o.company !== undefined;
  if (o.all && one) throw new CliError('Indique --all o --connection y --company, no ambos.');
  if (o.all) return 'all';
  if (o.connection === undefined || o.company === undefined)
    throw new CliError('Indique --connection y --company de la empresa, o --all para todas.');
  return { connectionId: parseId(o.connection, '--connection'), companyId: o.company };
}

const actorOf = (io: CliIo) => `cli:${io.env.USERNAME ?? io.env.USER ?? 'usuario'}`;

export const pauseLine = (p: NamedPause): string =>
  `${p.companyName === null ? 'Todas las empresas' : `${p.companyName} (conexión ${p.connectionId}, empresa ${p.companyId})`}: ${pauseLabel(p)}, la pausó ${p.pausedBy} el ${p.pausedAt}\n`;

/** `wopen-sync pause|resume|status` (docs/pause.md). */
export function registerPauseCommands(program: Command, io: CliIo, opened: () => OpenedConsole): void {
  program
    .command('pause')
    .description('Pausar sincronización de una empresa o de todas (actualizaciones y respaldos de CONTPAQi)')
    .option('--connection <id>', 'número de conexión')
    .option('--company <id>', 'empresa')
    .option('--all', 'todas las empresas')
    .option('--until <fecha>', 'hasta esta fecha y hora local, AAAA-MM-DD HH:MM (predeterminado: hasta reanudar)')
    .option('--for <duración>', 'durante este tiempo: 30m, 2h, 1d')
    .action((o: TargetOptions & { until?: string; for?: string }) => {
      const target = targetOf(o);
      let until: string | null = null;
      if (o.until !== undefined || o.for !== undefined) {
        try {
          until = parsePauseEnd({ until: o.until, for: o.for }, new Date());
        } catch (err) {
          throw new CliError(err instanceof Error ? err.message : String(err));
        }
      }
      const ctx = opened();
      const r = ctx.pauses.pause(target, until, actorOf(io));
      io.out(`${r.message}\n`);
    });

  program
    .command('resume')
    .description('Reanudar la sincronización de una empresa, o de todas con --all (quita todas las pausas)')
    .option('--connection <id>', 'número de conexión')
    .option('--company <id>', 'empresa')
    .option('--all', 'todas las empresas')
    .action((o: TargetOptions) => {
      const target = targetOf(o);
      io.out(`${opened().pauses.resume(target, actorOf(io)).message}\n`);
    });

  program
    .command('status')
    .description('Quién sincroniza esta base de datos, las pausas y la última sincronización de cada empresa')
    .option('--json', 'salida JSON')
    .action((o: { json?: boolean }) => {
      const ctx = opened();
      const lease = new EngineLease(ctx.db, { kind: 'cli', version: APP_VERSION });
      const holder = lease.holder();
      const live = holder && lease.isLive(holder) ? holder : null;
      const pauses = ctx.pauses.list();
      const connections = new ConnectionsRepo(ctx.db);
      const companies = new CompanySettingsRepo(ctx.db).listTicked().map((c) => {
        const scope = { connectionId: c.connectionId, companyId: c.companyId };
        const last = ctx.engine.lastRun(scope);
        return {
          ...scope,
          name: connections.companyName(c.connectionId, c.companyId) ?? c.companyId,
          paused: ctx.pauses.of(scope),
          lastRun: last ? { state: last.state, startedAt: last.startedAt, message: last.message } : null,
        };
      });
      if (o.json) {
        io.out(`${JSON.stringify({ engine: live, pauses, companies }, null, 2)}\n`);
        return;
      }
      io.out(
        live
          ? `${describeEngine('monitor', live).replace('; esta consola la supervisa.', '.')}\n`
          : 'Ningún proceso está sincronizando esta base de datos.\n',
      );
      io.out(pauses.length === 0 ? 'Sin pausas.\n' : `Pausas:\n${pauses.map((p) => `  ${pauseLine(p)}`).join('')}`);
      for (const c of companies) {
        const state = c.paused ? pauseLabel(c.paused) : 'Activa';
        const last = c.lastRun
          ? `última: ${RUN_STATE_LABELS[c.lastRun.state]} (${c.lastRun.startedAt})`
          : 'sin sincronizaciones';
        io.out(`${c.connectionId}\t${c.companyId}\t${state}\t${last}\t${c.name}\n`);
      }
    });
}
