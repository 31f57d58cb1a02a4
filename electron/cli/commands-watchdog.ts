import type { Command } from 'commander';
import type { OpenedConsole } from '../hosting/compose';
import { parseStallMinutes, WATCHDOG_MESSAGE } from '../../shared/watchdog-settings';
import { CliError, type CliIo } from './cli-io';

/** `wopen-sync config watchdog [--minutes N]`: shows or sets *Detener una sincronización sin avance después de*. */
export function registerWatchdogCommand(program: Command, io: CliIo, opened: () => OpenedConsole): void {
  const config = program.commands.find((c) => c.name() === 'config') ?? program.command('config');
  config
    .command('watchdog')
    .description('Minutos sin avance después de los cuales se detiene una sincronización (todas las empresas)')
    .option('--minutes <min>', 'nuevo valor, 5 a 1440 (sin la opción: muestra el actual)')
    .option('--json', 'salida JSON')
    .action((o: { minutes?: string; json?: boolean }) => {
      const repo = opened().engine.watchdogSettings;
      let value = repo.get();
      if (o.minutes !== undefined) {
        const minutes = parseStallMinutes(o.minutes);
        if (minutes === null) throw new CliError(`${WATCHDOG_MESSAGE} (se recibió «${o.minutes}»)`);
        value = repo.save({ stallMinutes: minutes });
      }
      if (o.json) io.out(`${JSON.stringify(value)}\n`);
      else
        io.out(
          `${o.minutes === undefined ? '' : 'Guardado. '}Una sincronización sin avance se detiene después de ${value.stallMinutes} min.\n`,
        );
    });
}
