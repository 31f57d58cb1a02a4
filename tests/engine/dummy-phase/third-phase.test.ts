import { describe, expect, it } from 'vitest';
import { localKeyPathFor } from '../../../electron/hosting/compose';
import { SecretStore } from '../../../electron/secrets/secret-store';
import { LocalKeyCipher } from '../../../electron/secrets/local-key-cipher';
import { SyncEngine } from '../../../electron/engine/sync-engine';
import { PHASES } from '../../../electron/engine/phases';
import { phaseOf } from '../../../electron/engine/run-report';
import type { Phase } from '../../../electron/engine/phases/phase';
import { consoleWithOneCompany } from '../../helpers/fake-console';
import { RecordingStore } from '../../helpers/memory-catalog-source';
import { brokenPaymentsPhase, paymentsPhase } from './payments-phase';

/** A console whose engine runs the registered phases plus `extra`: the only "registration" a new flow needs. */
async function setup(extra: Phase) {
  const { c, erp, databasePath, scope } = await consoleWithOneCompany();
  erp.source('1').set('articles', 1, { code: 'A1', name: 'Artículo 1' });
  const engine = new SyncEngine({
    db: c.db,
    secrets: new SecretStore(c.db, LocalKeyCipher.open(localKeyPathFor(databasePath))),
    events: c.events,
    erpFactory: erp.factory,
    storeFactory: () => new RecordingStore(),
    phases: [...PHASES, extra],
  });
  const events = () =>
    c.db.prepare("SELECT Level, Message, RecordKey FROM events WHERE Catalog = 'payments' ORDER BY rowid").all() as {
      Level: string;
      Message: string;
      RecordKey: string | null;
    }[];
  return { c, engine, scope, events };
}

describe('a third inbound phase, defined in its own folder', () => {
  it('runs after the catalogs, is kept in the run history, reported in the summary and the journal', async () => {
    const t = await setup(paymentsPhase);
    const run = await t.engine.run(t.scope, { trigger: 'manual' });
    expect(run.state).toBe('success');
    expect(phaseOf(run, 'payments')).toEqual({
      phase: 'payments',
      state: 'success',
      message: 'Pagos: 1 aplicados.',
      counts: { applied: 1 },
    });
    expect(run.message).toMatch(/Pagos: 1 aplicados\.$/);
    // Orders and invoices are off for this company: only the new phase ran.
    expect(run.phases.map((p) => p.phase)).toEqual(['payments']);
    expect(t.engine.history.phasesOf(run.runId!)).toEqual([
      { phase: 'payments', state: 'success', counts: { applied: 1 }, message: 'Pagos: 1 aplicados.' },
    ]);
    expect(t.events()).toEqual([
      { Level: 'info', Message: 'Pago P-1 aplicado.', RecordKey: 'P-1' },
      { Level: 'info', Message: 'Pagos: 1 aplicados.', RecordKey: null },
    ]);
    t.c.close();
  });

  it('a phase that throws is a failed report, and the run is partial', async () => {
    const t = await setup(brokenPaymentsPhase);
    const run = await t.engine.run(t.scope, { trigger: 'manual' });
    expect(run.state).toBe('partial');
    expect(phaseOf(run, 'payments')).toMatchObject({
      state: 'failed',
      message: 'No se aplicaron los pagos: la tienda no respondió',
      counts: { applied: 0 },
    });
    expect(t.engine.history.phasesOf(run.runId!)).toEqual([
      {
        phase: 'payments',
        state: 'failed',
        counts: { applied: 0 },
        message: 'No se aplicaron los pagos: la tienda no respondió',
      },
    ]);
    expect(t.events()).toEqual([
      { Level: 'warning', Message: 'No se aplicaron los pagos: la tienda no respondió', RecordKey: null },
    ]);
    t.c.close();
  });
});
