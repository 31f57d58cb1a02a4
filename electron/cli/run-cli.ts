import { Command, CommanderError } from 'commander';
import { openConsole, type OpenConsoleOptions, type OpenedConsole } from '../hosting/compose';
import { defaultUserDataDir, resolveDatabasePath } from '../settings/database';
import { UserFacingError } from '../core/user-facing-error';
import { ErpError } from '../erp/port';
import { CliError, EXIT, parseId, type CliIo } from './cli-io';
import { registerErpCommands } from './commands-erp';
import { registerConfigCommands } from './commands-config';
import { APP_VERSION } from './version';
import { registerSyncCommands } from './commands-sync';
import { registerHeldCommands } from './commands-held';
import { registerPauseCommands } from './commands-pause';
import { pauseLabel } from '../../shared/sync-pause';
import { registerWatchdogCommand } from './commands-watchdog';
import { registerIdentityCommands } from './commands-identity';
import { describeDbFault, isDbFault } from '../settings/db-faults';

/** Resolves on the first SIGINT or SIGTERM (service stop, Ctrl+C). */
function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

export type CliOverrides = Partial<Omit<OpenConsoleOptions, 'databasePath' | 'version'>>;

/**
 * `wopen-sync`: the headless face of the console. Same database, same validation, same events as the
 * desktop app. Returns the exit code instead of exiting, so tests can run it in-process.
 */
export async function runCli(argv: string[], io: CliIo, overrides: CliOverrides = {}): Promise<number> {
  let opened: OpenedConsole | undefined;
  const open = (): OpenedConsole => {
    if (!opened) {
      const flag = program.opts<{ db?: string }>().db;
      const databasePath = resolveDatabasePath({ flag, env: io.env, userDataDir: defaultUserDataDir(io.env) });
      opened = openConsole({ databasePath, version: APP_VERSION, ...overrides });
      // Test seam: caps the file at its current size (SQLITE_FULL on growth) — a full disk without a tiny filesystem.
      const maxPages = Number(io.env.WOPEN_SYNC_TEST_MAX_DB_PAGES);
      if (Number.isInteger(maxPages) && maxPages > 0) opened.db.pragma(`max_page_count = ${maxPages}`);
    }
    return opened;
  };
  const service = () => open().service;

  const program = new Command('wopen-sync')
    .description('Wopen Sync Console sin ventana: conexiones al ERP, configuración por empresa y eventos.')
    .option('--db <file>', 'base de datos de configuración (o variable WOPEN_SYNC_DB)')
    .version(APP_VERSION, '-v, --version', 'muestra la versión')
    .helpOption('-h, --help', 'muestra esta ayuda')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError(false);

  registerErpCommands(program, io, service);

  program
    .command('companies')
    .description('Lista las empresas encontradas en el ERP y si se sincronizan')
    .option('--connection <id>', 'solo esta conexión')
    .option('--json', 'salida JSON')
    .action(async (o: { connection?: string; json?: boolean }) => {
      const only = o.connection === undefined ? undefined : parseId(o.connection, '--connection');
      const rows: { connectionId: number; companyId: string; name: string; sync: boolean; paused: string | null }[] =
        [];
      for (const c of service().listConnections()) {
        if (only !== undefined && c.id !== only) continue;
        const list = await service().listCompanies(c.id);
        if (list.warning) io.err(`${c.name}: ${list.warning}\n`);
        for (const co of list.companies)
          rows.push({
            connectionId: c.id,
            companyId: co.companyId,
            name: co.name,
            sync: co.sync,
            paused: ((p) => (p ? pauseLabel(p) : null))(
              open().pauses.of({ connectionId: c.id, companyId: co.companyId }),
            ),
          });
      }
      if (o.json) io.out(`${JSON.stringify(rows, null, 2)}\n`);
      else
        for (const r of rows)
          io.out(
            `${r.connectionId}\t${r.companyId}\t${r.sync ? 'Sincronizar' : '-'}\t${r.name}${r.paused ? `\t${r.paused}` : ''}\n`,
          );
    });

  registerConfigCommands(
    program,
    io,
    service,
    () => open().orders,
    () => open().engine.deactivationLimits,
  );
  registerSyncCommands(program, io, open, io.waitForStop ?? waitForSignal);
  registerHeldCommands(program, io, open);
  registerPauseCommands(program, io, open);
  registerWatchdogCommand(program, io, open);
  registerIdentityCommands(program, io, open);

  program
    .command('events')
    .description('Eventos de los últimos días (Visor de eventos)')
    .option('--days <n>', 'días hacia atrás', '7')
    .option('--json', 'salida JSON')
    .action((o: { days: string; json?: boolean }) => {
      const days = Number(o.days);
      if (!Number.isInteger(days) || days < 1 || days > 366)
        throw new CliError('--days debe ser un número entero de 1 a 366.');
      const events = open().journal.listEvents({ days });
      if (o.json) io.out(`${JSON.stringify(events, null, 2)}\n`);
      else for (const e of events) io.out(`${e.at}\t${e.level}\t${e.category}\t${e.companyName ?? ''}\t${e.message}\n`);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    return reportFailure(err, io);
  } finally {
    try {
      opened?.close();
    } catch {
      // Closing a database whose disk failed may throw again; the failure was already reported.
    }
  }
}

function reportFailure(err: unknown, io: CliIo): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0)
      return EXIT.ok;
    return EXIT.invalid; // commander already printed its message
  }
  if (err instanceof CliError) {
    if (err.message) io.err(`${err.message}\n`);
    return err.exitCode;
  }
  if (isDbFault(err)) {
    io.err(`${describeDbFault(err)}\n`);
    return EXIT.failure;
  }
  if (err instanceof UserFacingError || err instanceof ErpError) {
    io.err(`${err.message}\n`);
    return EXIT.failure;
  }
  io.err(`Error inesperado: ${err instanceof Error ? err.message : String(err)}\n`);
  return EXIT.failure;
}
