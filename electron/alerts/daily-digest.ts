import os from 'node:os';
import type { SettingsDb } from '../settings/database';
import type { EventLog } from '../events/event-log';
import { RUN_STATE_LABELS } from '../../shared/labels';
import { CATALOG_LABELS, type CatalogName } from '../../shared/catalogs';
import type { AlertSettingsRepo } from './alert-settings-repo';
import { emailConfigured } from './email-notifier';
import { ALERT_CATEGORY, formatLocal } from './alert-monitor';
import type { AlertNotifier } from './notifier';

const COUNTED = ['success', 'partial', 'failed', 'review'] as const;
type Counted = (typeof COUNTED)[number];

const PROBLEM_LABELS: Record<string, string> = {
  failing: 'la sincronización está fallando',
  stale: 'lleva tiempo sin sincronizar',
  review: 'requiere revisión (bajas retenidas)',
  identity: 'la empresa cambió de identidad: sincronización en pausa hasta que alguien confirme',
  paused: 'la sincronización lleva más de un día en pausa',
  watchdog: 'una sincronización se detuvo por no avanzar',
};

export interface DigestCompany {
  connectionId: number;
  companyId: string;
  name: string;
  connectionName: string;
  runs: Record<Counted, number>;
  problems: { kind: string; since: string }[];
  held: { catalog: string; count: number }[];
  paused: boolean;
}

export interface Digest {
  /** Local date (YYYY-MM-DD) the digest covers. */
  day: string;
  subject: string;
  text: string;
  companies: DigestCompany[];
}

/** YYYY-MM-DD of `d` in the machine's local time. */
export function localDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Yesterday's runs per company (local day), with what is open now: problems, held deactivations, pauses. */
export function buildDigest(db: SettingsDb, now: Date): Digest {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const byKey = new Map<string, DigestCompany>();
  const company = (connectionId: number, companyId: string): DigestCompany => {
    const key = `${connectionId}\u0000${companyId}`;
    let c = byKey.get(key);
    if (!c) {
      const names = db
        .prepare(
          `SELECT c.Name AS conn, (SELECT Name FROM erp_companies WHERE ConnectionID = c.ConnectionID AND CompanyID = ?) AS name
           FROM erp_connections c WHERE c.ConnectionID = ?`,
        )
        .get(companyId, connectionId) as { conn: string; name: string | null } | undefined;
      c = {
        connectionId,
        companyId,
        name: names?.name ?? companyId,
        connectionName: names?.conn ?? '',
        runs: { success: 0, partial: 0, failed: 0, review: 0 },
        problems: [],
        held: [],
        paused: false,
      };
      byKey.set(key, c);
    }
    return c;
  };
  for (const r of db.prepare('SELECT ConnectionID, CompanyID FROM orgWOpen WHERE Sincronizar = 1').all() as Row[])
    company(r.ConnectionID, r.CompanyID);
  const runs = db
    .prepare(
      `SELECT ConnectionID, CompanyID, State, COUNT(*) AS n FROM sync_runs
       WHERE DryRun = 0 AND StartedAt >= ? AND StartedAt < ? AND State IN ('success', 'partial', 'failed', 'review')
       GROUP BY ConnectionID, CompanyID, State`,
    )
    .all(start.toISOString(), end.toISOString()) as (Row & { State: Counted; n: number })[];
  for (const r of runs) company(r.ConnectionID, r.CompanyID).runs[r.State] = r.n;
  const problems = db
    .prepare('SELECT ConnectionID, CompanyID, Kind, OpenedAt FROM alert_problems ORDER BY OpenedAt')
    .all() as (Row & { Kind: string; OpenedAt: string })[];
  for (const p of problems) {
    const c = company(p.ConnectionID, p.CompanyID);
    c.problems.push({ kind: p.Kind, since: p.OpenedAt });
    if (p.Kind === 'paused' || p.Kind === 'identity') c.paused = true;
  }
  const held = db
    .prepare('SELECT ConnectionID, CompanyID, Catalog, Held FROM held_catalogs ORDER BY Catalog')
    .all() as (Row & { Catalog: string; Held: number })[];
  for (const h of held) company(h.ConnectionID, h.CompanyID).held.push({ catalog: h.Catalog, count: h.Held });

  const companies = [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name, 'es'));
  const dayText = start.toLocaleDateString('es-MX', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const attention = companies.filter((c) => c.problems.length || c.held.length).length;
  const lines = [
    `Resumen de la sincronización del ${dayText} (equipo ${os.hostname()}).`,
    attention
      ? `${attention} ${attention === 1 ? 'empresa necesita' : 'empresas necesitan'} atención.`
      : 'Ninguna empresa tiene problemas abiertos.',
    '',
  ];
  for (const c of companies) {
    const total = COUNTED.reduce((n, k) => n + c.runs[k], 0);
    lines.push(`${c.name}${c.connectionName ? ` (${c.connectionName})` : ''}`);
    lines.push(
      `  Sincronizaciones: ${total} — ${COUNTED.map((k) => `${RUN_STATE_LABELS[k]}: ${c.runs[k]}`).join(', ')}`,
    );
    for (const p of c.problems)
      lines.push(`  Problema abierto: ${PROBLEM_LABELS[p.kind] ?? p.kind} (desde ${formatLocal(p.since)})`);
    for (const h of c.held)
      lines.push(`  Bajas retenidas: ${h.count} de ${CATALOG_LABELS[h.catalog as CatalogName] ?? h.catalog}`);
    if (c.paused) lines.push('  En pausa: no se sincroniza hasta que alguien la reanude o confirme.');
    lines.push('');
  }
  if (!companies.length) lines.push('No hay empresas con Sincronizar activado.', '');
  lines.push('Detalle en Wopen Sync Console: Historial de sincronización y Visor de eventos.');
  return {
    day: localDay(start),
    subject: `Wopen Sync: resumen del ${start.toLocaleDateString('es-MX', { day: 'numeric', month: 'long', year: 'numeric' })}${attention ? ` (${attention} con problemas)` : ''}`,
    text: lines.join('\n'),
    companies,
  };
}

interface Row {
  ConnectionID: number;
  CompanyID: string;
}

export interface DailyDigestOptions {
  db: SettingsDb;
  repo: AlertSettingsRepo;
  email: AlertNotifier;
  events: EventLog;
  /** After a failed send, wait this long before trying again (default 30 min). */
  retryMs?: number;
}

/**
 * Sends the digest once per local day, at the first tick at or after the configured hour. The day is claimed
 * in the settings database before sending (a restart or a second process does not send it again) and released
 * if the send fails, so a later tick retries.
 */
export class DailyDigest {
  private retryAt = 0;

  constructor(private readonly o: DailyDigestOptions) {}

  /** Never throws; resolves when the digest (if due) was sent or failed. */
  async tick(now: Date): Promise<boolean> {
    try {
      const s = this.o.repo.get();
      if (!s.digestEnabled || !emailConfigured(s) || now.getHours() < s.digestHour) return false;
      const today = localDay(now);
      if ((s.digestLastSentOn ?? '') >= today || now.getTime() < this.retryAt) return false;
      const claim = this.o.repo.claimDigest(today);
      if (!claim.claimed) return false;
      const digest = buildDigest(this.o.db, now);
      try {
        await this.o.email.send({ kind: 'digest', level: 'info', subject: digest.subject, text: digest.text });
      } catch (err) {
        this.o.repo.releaseDigest(today, claim.previous);
        this.retryAt = now.getTime() + (this.o.retryMs ?? 30 * 60_000);
        this.record(
          'warning',
          `No se pudo enviar el resumen diario por correo: ${err instanceof Error ? err.message : String(err)}`,
        );
        return false;
      }
      this.record('info', `Se envió el resumen diario (${digest.day}) a ${s.emergencyEmail}.`);
      return true;
    } catch (err) {
      this.record('error', `Error al preparar el resumen diario: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
  }

  private record(level: 'info' | 'warning' | 'error', message: string): void {
    try {
      this.o.events.record({ level, category: ALERT_CATEGORY, message });
    } catch {
      // The database itself is failing; the monitor reports that.
    }
  }
}
