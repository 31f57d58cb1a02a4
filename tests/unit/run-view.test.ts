import { describe, expect, it } from 'vitest';
import { runOfRow, viewOfRun, type RunFacts } from '../../electron/app/run-view';
import { PHASES } from '../../electron/engine/phases';
import type { RunRow } from '../../electron/engine/run-history-repo';
import { CATALOG_STATE_LABELS, LEVEL_LABELS, RUN_STATE_LABELS, TRIGGER_LABELS } from '../../shared/labels';
import { paymentsPhase } from '../engine/dummy-phase/payments-phase';

const counts = { read: 3, pushed: 2, unchanged: 1, deleted: 0, failed: 0, message: null };

const summary: RunFacts = {
  runId: 7,
  connectionId: 1,
  companyId: '1',
  companyName: 'Ñandú',
  trigger: 'automatic',
  dryRun: false,
  state: 'partial',
  startedAt: '2026-12-01T10:00:00.000Z',
  endedAt: '2026-12-01T10:01:00.000Z',
  message: 'Parcial: …',
  catalogs: [
    { catalog: 'articles', state: 'success', ...counts },
    { catalog: 'article-prices', state: 'skipped', aborted: true, ...counts },
  ],
  phases: [
    {
      phase: 'orders',
      state: 'failed',
      counts: { imported: 1, rejected: 2, pending: 3, awaitingPayment: 4 },
      message: 'No se importaron los pedidos: la tienda no respondió',
    },
    { phase: 'invoices', state: 'skipped', counts: {}, message: 'El ERP no crea facturas.' },
  ],
};

describe('viewOfRun: the one place a run becomes what the console shows', () => {
  it('labels the run, its catalogs and each phase with the words the phase gave its counts, in its order', () => {
    const v = viewOfRun(summary);
    expect(v).toMatchObject({ runId: 7, companyName: 'Ñandú', state: 'partial', stateLabel: 'Parcial' });
    expect(v.catalogs).toEqual([
      expect.objectContaining({ catalog: 'articles', catalogLabel: 'Catálogos de artículos', state: 'success' }),
      expect.objectContaining({ catalog: 'article-prices', state: 'skipped', aborted: true }),
    ]);
    expect(v.catalogs[0]).not.toHaveProperty('aborted');
    // A phase the ERP cannot do is not shown; a count the phase does not label stays internal.
    expect(v.phases).toEqual([
      {
        phase: 'orders',
        label: 'Pedidos',
        state: 'failed',
        stateLabel: 'Fallido',
        counts: [
          { key: 'imported', label: 'importados', value: 1 },
          { key: 'rejected', label: 'rechazados', value: 2 },
          { key: 'pending', label: 'pendientes', value: 3 },
        ],
        message: 'No se importaron los pedidos: la tienda no respondió',
      },
    ]);
  });

  it('a history row reads the same as the summary it was recorded from', () => {
    const row: RunRow = {
      runId: 7,
      connectionId: 1,
      companyId: '1',
      trigger: 'automatic',
      state: 'partial',
      startedAt: summary.startedAt!,
      endedAt: summary.endedAt,
      message: summary.message,
      catalogs: [
        { catalog: 'articles', state: 'success', ...counts, startedAt: 'a', endedAt: 'b' },
        { catalog: 'article-prices', state: 'skipped', ...counts, startedAt: 'a', endedAt: 'b' },
        { catalog: 'stock', state: 'unavailable', ...counts, startedAt: 'a', endedAt: 'b' },
      ],
    };
    const fromRow = viewOfRun(runOfRow(row, summary.phases, 'Ñandú'));
    const fromSummary = viewOfRun(summary);
    expect(fromRow.phases).toEqual(fromSummary.phases);
    expect(fromRow.catalogs.slice(0, 2)).toEqual(fromSummary.catalogs);
    // Not in this ERP: skipped, not aborted.
    expect(fromRow.catalogs[2]).toMatchObject({ catalog: 'stock', state: 'skipped', aborted: false });
  });

  it('a run recorded before phases kept a state shows its counts without a state', () => {
    const v = viewOfRun({
      ...summary,
      phases: [{ phase: 'invoices', state: null, counts: { created: 2, stamped: 1 }, message: null }],
    });
    expect(v.phases[0]).toMatchObject({ label: 'Facturas', state: null, stateLabel: null });
    expect(v.phases[0]!.counts.map((c) => [c.label, c.value])).toEqual([
      ['creadas', 2],
      ['timbradas', 1],
      ['sin timbrar', 0],
      ['rechazadas', 0],
    ]);
  });

  it('a new phase is labelled by its own definition; one no longer registered shows its raw counts', () => {
    const run = {
      ...summary,
      phases: [
        { phase: 'payments', state: 'success' as const, counts: { applied: 1 }, message: 'Pagos: 1 aplicados.' },
      ],
    };
    expect(viewOfRun(run, [...PHASES, paymentsPhase]).phases).toEqual([
      {
        phase: 'payments',
        label: 'Pagos',
        state: 'success',
        stateLabel: 'Exitoso',
        counts: [{ key: 'applied', label: 'aplicados', value: 1 }],
        message: 'Pagos: 1 aplicados.',
      },
    ]);
    expect(viewOfRun(run).phases[0]).toMatchObject({
      label: 'payments',
      counts: [{ key: 'applied', label: 'applied', value: 1 }],
    });
  });

  it('a dry run has no phases', () => {
    expect(viewOfRun({ ...summary, dryRun: true, phases: [] }).phases).toEqual([]);
  });
});

describe('a run that held deactivations', () => {
  it('reads Requiere revisión, and so does the catalog the engine reported held', () => {
    const v = viewOfRun({
      ...summary,
      state: 'review',
      catalogs: [
        {
          catalog: 'articles',
          state: 'success',
          ...counts,
          held: { verdict: { held: 295 } },
        } as RunFacts['catalogs'][number],
        { catalog: 'customers', state: 'success', ...counts },
      ],
    });
    expect(v).toMatchObject({ state: 'review', stateLabel: 'Requiere revisión' });
    expect(v.catalogs.map((c) => c.state)).toEqual(['review', 'success']);
  });
});

describe('the one label map', () => {
  it('keeps the words the console shows', () => {
    expect(RUN_STATE_LABELS).toEqual({
      running: 'En progreso',
      success: 'Exitoso',
      partial: 'Parcial',
      failed: 'Fallido',
      review: 'Requiere revisión',
    });
    expect(CATALOG_STATE_LABELS).toMatchObject({ unavailable: 'No disponible', skipped: 'No se intentó' });
    expect(TRIGGER_LABELS).toEqual({ manual: 'Manual', automatic: 'Automática' });
    expect(LEVEL_LABELS).toEqual({ info: 'Información', warning: 'Advertencia', error: 'Error' });
  });
});
