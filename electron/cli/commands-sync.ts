import type { Command } from 'commander';
import type { OpenedConsole } from '../app/bootstrap';
import type { RunSummary } from '../engine/company-run';
import { Scheduler } from '../engine/scheduler';
import { viewOfSummary } from '../app/run-view';
import { CompanySettingsRepo } from '../settings/company-settings-repo';
import { CliError, EXIT, parseId, type CliIo } from './cli-io';

/** What `sync --json` prints per company: the run and, per catalog, its counts. */
export function summaryJson(s: RunSummary) {
  return {
    connectionId: s.connectionId,
    companyId: s.companyId,
    name: s.companyName,
    runId: s.runId,
    dryRun: s.dryRun,
    state: s.state,
    message: s.message,
    catalogs: Object.fromEntries(
      s.catalogs.map((c) => [
        c.catalog,
        { state: c.state, read: c.read, pushed: c.pushed, unchanged: c.unchanged, deleted: c.deleted, failed: c.failed, ...(s.dryRun ? { samples: c.samples } : {}), ...(c.message ? { message: c.message } : {}) },
      ]),
    ),
    ...(s.orders ? { orders: { state: s.orders.state, imported: s.orders.imported, rejected: s.orders.rejected, pending: s.orders.pending, message: s.orders.message } } : {}),
  };
}

export function registerSyncCommands(program: Command, io: CliIo, opened: () => OpenedConsole, stopSignal: () => Promise<void>): void {
  program
    .command('sync')
    .description('Sincroniza ahora: catálogos del ERP a la tienda (empresas con Sincronizar, o la indicada)')
    .option('--once', 'una sola pasada (predeterminado)')
    .option('--connection <id>', 'número de conexión')
    .option('--company <id>', 'empresa')
    .option('--dry-run', 'muestra qué se enviaría, sin enviar nada')
    .option('--json', 'salida JSON')
    .action(async (o: { connection?: string; company?: string; dryRun?: boolean; json?: boolean }) => {
      if ((o.connection === undefined) !== (o.company === undefined)) throw new CliError('Indique --connection y --company juntos.');
      const { engine, db } = opened();
      const targets =
        o.connection !== undefined && o.company !== undefined
          ? [{ connectionId: parseId(o.connection, '--connection'), companyId: o.company }]
          : new CompanySettingsRepo(db)
              .listAll()
              .filter((s) => s.sync)
              .map((s) => ({ connectionId: s.connectionId, companyId: s.companyId }));
      if (targets.length === 0) throw new CliError('No hay empresas con Sincronizar activado.', EXIT.failure);
      const summaries: RunSummary[] = [];
      for (const t of targets) {
        const summary = await engine.run(t, { trigger: 'manual', dryRun: o.dryRun ?? false });
        summaries.push(summary);
        if (!o.json) io.out(`${summary.companyName}: ${summary.message}\n`);
      }
      if (o.json) io.out(`${JSON.stringify(summaries.map(summaryJson), null, 2)}\n`);
      if (summaries.some((s) => s.state !== 'success')) throw new CliError('', EXIT.failure);
    });

  program
    .command('run')
    .description('Servicio: sincroniza cada empresa en su periodo hasta recibir SIGINT o SIGTERM')
    .option('--tick <seconds>', 'cada cuántos segundos revisa qué empresas tocan', '15')
    .action(async (o: { tick: string }) => {
      const tick = Number(o.tick);
      if (!Number.isFinite(tick) || tick < 0.05 || tick > 3600) throw new CliError('--tick debe estar entre 0.05 y 3600 segundos.');
      const { engine, db, events, service, alerts } = opened();
      const log = (event: string, fields: Record<string, unknown> = {}) =>
        io.out(`${JSON.stringify({ at: new Date().toISOString(), event, ...fields })}\n`);
      const scheduler = new Scheduler({
        db,
        engine,
        events,
        tickMs: tick * 1000,
        maintenance: () => service.purgeEvents(),
        // Issue 4: alerts for failing runs and for companies not synced for two periods.
        onFinished: (summary, startedAt, endedAt) => void alerts.monitor.onRunFinished(viewOfSummary(summary, startedAt, endedAt)),
        onTick: (now) => void alerts.monitor.checkStale(now),
      });
      log('service.start', { pid: process.pid });
      scheduler.start();
      await stopSignal();
      log('service.stopping', { running: engine.runningCount() });
      await scheduler.stop();
      await alerts.monitor.idle();
      log('service.stopped');
    });
}
