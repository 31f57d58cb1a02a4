import os from 'node:os';
import type { Command } from 'commander';
import type { OpenedConsole } from '../hosting/compose';
import { describeIdentity } from '../../shared/company-identity';
import type { IdentityStatusView } from '../../shared/company-identity';
import { CliError, parseId, type CliIo } from './cli-io';

function statusText(v: IdentityStatusView): string {
  const head = `${v.companyName} (conexión ${v.connectionId}, empresa ${v.companyId}):`;
  if (!v.recorded) return `${head}\n  Sin identidad registrada: se registra en la próxima sincronización.\n`;
  const confirmed = v.confirmedAt ? ` — confirmada por ${v.confirmedBy ?? '?'} el ${v.confirmedAt}` : '';
  const lines = [`${head}`, `  Registrada: ${describeIdentity(v.recorded)} (${v.recordedAt})${confirmed}`];
  if (v.block) {
    lines.push(`  DETENIDA desde ${v.block.blockedAt}: ${v.block.reasons.join('; ')}.`);
    lines.push(`  Ahora: ${describeIdentity(v.block.seen)}`);
    lines.push(`  ${v.block.question}`);
    lines.push(`  Si es la misma: wopen-sync identity confirm --connection ${v.connectionId} --company ${v.companyId}`);
  } else lines.push('  Sincronización no detenida por identidad.');
  lines.push(`  Leído de: ${v.recorded.sources.join('; ')}`);
  return `${lines.join('\n')}\n`;
}

/** `wopen-sync identity show|confirm`: the company identity guard (docs/identity-guard.md). */
export function registerIdentityCommands(program: Command, io: CliIo, opened: () => OpenedConsole): void {
  const identity = program
    .command('identity')
    .description(
      'Identidad de las empresas (RFC y base de datos): muestra y confirma cambios que detienen la sincronización',
    );

  identity
    .command('show')
    .description('Muestra la identidad registrada; sin empresa, las empresas detenidas por identidad')
    .option('--connection <id>', 'número de conexión')
    .option('--company <id>', 'empresa')
    .option('--json', 'salida JSON')
    .action((o: { connection?: string; company?: string; json?: boolean }) => {
      if ((o.connection === undefined) !== (o.company === undefined))
        throw new CliError('Indique --connection y --company juntos.');
      const guard = opened().engine.identity;
      const scopes =
        o.connection !== undefined && o.company !== undefined
          ? [{ connectionId: parseId(o.connection, '--connection'), companyId: o.company }]
          : guard.blocked().map((b) => ({ connectionId: b.connectionId, companyId: b.companyId }));
      const views = scopes.map((s) => guard.status(s, guard.nameOf(s)));
      if (o.json) {
        io.out(`${JSON.stringify(views, null, 2)}\n`);
        return;
      }
      if (views.length === 0) io.out('Ninguna empresa está detenida por identidad.\n');
      for (const v of views) io.out(statusText(v));
    });

  identity
    .command('confirm')
    .description('Sí, es la misma: adopta la identidad nueva y reanuda la sincronización de la empresa')
    .requiredOption('--connection <id>', 'número de conexión')
    .requiredOption('--company <id>', 'empresa')
    .option('--by <name>', 'quién confirma (predeterminado: el usuario del sistema)')
    .action((o: { connection: string; company: string; by?: string }) => {
      const guard = opened().engine.identity;
      const s = { connectionId: parseId(o.connection, '--connection'), companyId: o.company };
      const name = guard.nameOf(s);
      const adopted = guard.confirm(s, name, o.by?.trim() || os.userInfo().username || 'wopen-sync');
      io.out(`${name}: identidad confirmada (${describeIdentity(adopted)}). La sincronización se reanuda.\n`);
    });
}
