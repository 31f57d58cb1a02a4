import { IdentityBlockedError } from '../engine/identity-guard';
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { engineHostDeps, type OpenedConsole } from '../hosting/compose';
import type { RunSummary } from '../engine/run-report';
import { EngineHost } from '../hosting/engine-host';
import { EngineLease } from '../hosting/engine-lease';
import { describeEngine } from '../hosting/engine-role';
import { APP_VERSION } from './version';
import { CompanySettingsRepo } from '../settings/company-settings-repo';
import { CliError, EXIT, parseId, type CliIo } from './cli-io';
import { DbFaultReporter, DB_FAULT_PREFIX } from '../settings/db-faults';
import { EmailNotifier } from '../alerts/email-notifier';
import { EVENT_CATEGORIES } from '../events/event-log';

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
        {
          state: c.state,
          read: c.read,
          pushed: c.pushed,
          unchanged: c.unchanged,
          deleted: c.deleted,
          failed: c.failed,
          ...(s.dryRun ? { samples: c.samples } : {}),
          ...(c.message ? { message: c.message } : {}),
        },
      ]),
    ),
    ...Object.fromEntries(s.phases.map((p) => [p.phase, { state: p.state, ...p.counts, message: p.message }])),
  };
}

/** Reports a run refused by the identity guard (identity-guard.ts) and lets the loop go on; rethrows anything else. */
function identityStop(err: unknown, io: CliIo): null {
  if (!(err instanceof IdentityBlockedError)) throw err;
  io.err(`${err.block.companyName}: ${err.message}\n`);
  return null;
}

/** Exit 1 if a run failed or was partial, else 4 if one requires review (held deactivations), else 0. */
export function throwForRuns(summaries: readonly Pick<RunSummary, 'state'>[]): void {
  if (summaries.some((s) => s.state === 'failed' || s.state === 'partial')) throw new CliError('', EXIT.failure);
  if (summaries.some((s) => s.state === 'review')) throw new CliError('', EXIT.review);
}

/** Runs `work` holding the engine lease as a one-shot CLI engine; refuses while another process holds it. */
export async function withLease<T>(opened: OpenedConsole, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const lease = new EngineLease(opened.db, { kind: 'cli', version: APP_VERSION });
  const r = lease.tryAcquire();
  if (!r.acquired) {
    throw new CliError(
      `No se sincronizó: ${describeEngine('monitor', r.holder)} Pida la sincronización desde la consola o espere.`,
      EXIT.busy,
    );
  }
  // Another process took the lease over (this one stalled past its TTL): stop writing after the current batch.
  const lost = new AbortController();
  const heartbeat = setInterval(() => {
    if (!lease.renew()) lost.abort();
  }, lease.ttlMs / 3);
  try {
    const result = await work(lost.signal);
    if (lost.signal.aborted)
      throw new CliError(
        'Otro proceso tomó la sincronización de esta base de datos durante la pasada; esta se detuvo.',
        EXIT.busy,
      );
    return result;
  } finally {
    clearInterval(heartbeat);
    lease.release();
  }
}

export function registerSyncCommands(
  program: Command,
  io: CliIo,
  opened: () => OpenedConsole,
  stopSignal: () => Promise<void>,
): void {
  program
    .command('sync')
    .description('Sincroniza ahora: catálogos del ERP a la tienda (empresas con Sincronizar, o la indicada)')
    .option('--once', 'una sola pasada (predeterminado)')
    .option('--connection <id>', 'número de conexión')
    .option('--company <id>', 'empresa')
    .option('--dry-run', 'muestra qué se enviaría, sin enviar nada')
    .option('--full', 'reenvía todo a la tienda: olvida lo ya enviado y manda cada catálogo completo')
    .option('--json', 'salida JSON')
    .action(async (o: { connection?: string; company?: string; dryRun?: boolean; full?: boolean; json?: boolean }) => {
      if ((o.connection === undefined) !== (o.company === undefined))
        throw new CliError('Indique --connection y --company juntos.');
      if (o.full && o.dryRun)
        throw new CliError('--full y --dry-run no se pueden usar juntos: la simulación no envía nada.');
      const ctx = opened();
      const targets =
        o.connection !== undefined && o.company !== undefined
          ? [{ connectionId: parseId(o.connection, '--connection'), companyId: o.company }]
          : new CompanySettingsRepo(ctx.db)
              .listTicked()
              .map((s) => ({ connectionId: s.connectionId, companyId: s.companyId }));
      if (targets.length === 0) throw new CliError('No hay empresas con Sincronizar activado.', EXIT.failure);
      let stoppedByIdentity = 0;
      const pass = async (signal?: AbortSignal): Promise<RunSummary[]> => {
        const summaries: RunSummary[] = [];
        for (const t of targets) {
          if (signal?.aborted) break;
          // Every ticked company: a paused one is skipped with a line; named with --company, the refusal is the error.
          const paused = o.company === undefined ? ctx.engine.pauseReason(t) : null;
          if (paused) {
            if (!o.json) io.out(`${paused}\n`);
            continue;
          }
          // A company stopped by its identity waits for a person; the others still sync (exit 4 at the end).
          const summary = await ctx.engine
            .run(t, { trigger: 'manual', dryRun: o.dryRun ?? false, full: o.full ?? false, signal })
            .catch((err: unknown) => identityStop(err, io));
          if (!summary) {
            stoppedByIdentity++;
            continue;
          }
          summaries.push(summary);
          if (!o.json) io.out(`${summary.companyName}: ${summary.message}\n`);
        }
        return summaries;
      };
      // A simulation writes nothing, so it may run beside the engine; a real pass needs the lease.
      const summaries = o.dryRun ? await pass() : await withLease(ctx, pass);
      if (o.json) io.out(`${JSON.stringify(summaries.map(summaryJson), null, 2)}\n`);
      throwForRuns(summaries);
      if (stoppedByIdentity > 0) throw new CliError('', EXIT.review);
    });

  program
    .command('run')
    .description('Servicio: sincroniza cada empresa en su periodo hasta recibir SIGINT o SIGTERM')
    .option('--tick <seconds>', 'cada cuántos segundos revisa qué empresas tocan', '15')
    .option(
      '--standby',
      'si otro proceso ya sincroniza esta base de datos, espera y lo reemplaza cuando termine (en lugar de salir con código 3)',
    )
    .option(
      '--heartbeat-file <file>',
      'escribe aquí, en cada latido, el estado del servicio en JSON (para monitoreo externo)',
    )
    .addOption(new Option('--lease-ttl <ms>', 'vigencia del arrendamiento del motor (pruebas)').hideHelp())
    .addOption(new Option('--minute <ms>', 'duración de un minuto del periodo (pruebas)').hideHelp())
    .action(
      async (o: { tick: string; standby?: boolean; heartbeatFile?: string; leaseTtl?: string; minute?: string }) => {
        const tick = Number(o.tick);
        if (!Number.isFinite(tick) || tick < 0.05 || tick > 3600)
          throw new CliError('--tick debe estar entre 0.05 y 3600 segundos.');
        const leaseTtlMs = o.leaseTtl === undefined ? undefined : positiveMs(o.leaseTtl, '--lease-ttl');
        const minuteMs = o.minute === undefined ? undefined : positiveMs(o.minute, '--minute');
        const ctx = opened();
        const log = (event: string, fields: Record<string, unknown> = {}) =>
          io.out(`${JSON.stringify({ at: new Date().toISOString(), event, ...fields })}\n`);
        const heartbeatFile = o.heartbeatFile ? path.resolve(o.heartbeatFile) : null;
        const faults = dbFaultReporter(ctx, log);
        const host = new EngineHost({
          ...engineHostDeps(ctx),
          faults,
          kind: 'service',
          version: APP_VERSION,
          standby: o.standby ?? false,
          leaseTtlMs,
          tickMs: tick * 1000,
          minuteMs,
          pollMs: Math.min(1000, tick * 1000),
          log,
          onHeartbeat: (h) =>
            heartbeatFile &&
            writeHeartbeat(heartbeatFile, {
              at: new Date().toISOString(),
              pid: process.pid,
              version: APP_VERSION,
              ...h,
            }),
          onRunFinished: (v) =>
            log('run.finished', {
              connectionId: v.connectionId,
              companyId: v.companyId,
              runId: v.runId,
              trigger: v.trigger,
              state: v.state,
              message: v.message,
            }),
        });
        log('service.start', { pid: process.pid, version: APP_VERSION });
        const refusedBy = host.start();
        if (refusedBy && !o.standby) {
          log('service.refused', { holder: refusedBy.kind, pid: refusedBy.pid, host: refusedBy.host });
          throw new CliError(
            `${describeEngine('monitor', refusedBy).replace('; esta consola la supervisa.', '.')} Este servicio no se inicia (use --standby para esperar).`,
            EXIT.busy,
          );
        }
        if (refusedBy) log('service.standby', { holder: refusedBy.kind, pid: refusedBy.pid });
        await stopSignal();
        log('service.stopping', { running: ctx.engine.runningCount() });
        await host.stop();
        await ctx.alerts.monitor.idle();
        log('service.stopped');
      },
    );
}

/** The service's report of a full or read-only settings database: log line, event if it fits, e-mail alert. */
function dbFaultReporter(ctx: OpenedConsole, log: (event: string, fields?: Record<string, unknown>) => void) {
  const email = new EmailNotifier(ctx.alerts.repo);
  return new DbFaultReporter({
    log,
    event: (level, message) => ctx.events.record({ level, category: EVENT_CATEGORIES.error, message }),
    alert: async (message) => {
      if (!email.enabled()) return;
      await email.send({ kind: 'failing', level: 'error', subject: `Wopen Sync: ${DB_FAULT_PREFIX}`, text: message });
    },
  });
}

function positiveMs(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 10 || n > 3_600_000)
    throw new CliError(`${option} debe ser un número entero de milisegundos (10 a 3600000).`);
  return n;
}

/** Atomic replace, so a monitor never reads half a file. */
function writeHeartbeat(file: string, content: Record<string, unknown>): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(content)}\n`);
  fs.renameSync(tmp, file);
}
