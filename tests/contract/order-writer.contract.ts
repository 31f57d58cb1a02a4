import { describe, expect, it } from 'vitest';
import {
  OrderRejected,
  type OrderSettings,
  type OrderToWrite,
  type OrderWriter,
} from '../../electron/erp/order-writer';

/**
 * What every ERP's OrderWriter must do for the engine's inbox (Beekeeper-style `runCommonTests`): one backend
 * file per ERP calls `orderWriterContract` with a factory for its writer and fixture.
 */
export interface OrderSubject {
  writer: OrderWriter;
  settings: OrderSettings;
  /** A paid pedido the fixture accepts, with the marker the engine would build for `id`. */
  order(id: string): OrderToWrite;
  /** A customer key and an article key the fixture does not have. */
  unknown: { customer: string; article: string };
  /** Everything a write can leave in the database (document rows, lines, folio counters), comparable with toEqual. */
  footprint(): Promise<unknown>;
  /**
   * The folio the ERP shows for a document of the default settings. The ERPs differ: Microsip pads serie +
   * consecutivo to 9 characters (P00000003), Start/Pro prefixes the connector's own series (WP1).
   */
  folio: RegExp;
  dispose?(): Promise<void>;
}

async function using<T>(subjectFor: () => Promise<OrderSubject>, work: (s: OrderSubject) => Promise<T>): Promise<T> {
  const subject = await subjectFor();
  try {
    return await work(subject);
  } finally {
    await subject.dispose?.();
  }
}

export function orderWriterContract(backend: string, subjectFor: () => Promise<OrderSubject>): void {
  describe(`OrderWriter contract: ${backend}`, () => {
    it('writes a valid order exactly once: a second write and findDocument return the same document', () =>
      using(subjectFor, async ({ writer, settings, order, footprint, folio }) => {
        const first = await writer.writeOrder(order('CT-ONCE'), settings);
        expect(first.documentId).not.toBe('');
        expect(first.folio).toMatch(folio);
        expect(await writer.findDocument(order('CT-ONCE').ref)).toEqual(first);
        const before = await footprint();
        expect(await writer.writeOrder(order('CT-ONCE'), settings)).toEqual(first);
        expect(await footprint()).toEqual(before);
      }));

    it('finds nothing for a marker it never wrote', () =>
      using(subjectFor, async ({ writer, order }) => {
        expect(await writer.findDocument(order('CT-NUNCA').ref)).toBeNull();
      }));

    it('assigns each document its own folio in the series', () =>
      using(subjectFor, async ({ writer, settings, order, folio }) => {
        const a = await writer.writeOrder(order('CT-FOLIO-A'), settings);
        const b = await writer.writeOrder(order('CT-FOLIO-B'), settings);
        expect(a.folio).toMatch(folio);
        expect(b.folio).toMatch(folio);
        expect(b.folio).not.toBe(a.folio);
        expect(b.documentId).not.toBe(a.documentId);
      }));

    it('rejects a bad order alone, with a Spanish reason, and leaves nothing half-written', () =>
      using(subjectFor, async ({ writer, settings, order, unknown, footprint, folio }) => {
        const good = await writer.writeOrder(order('CT-BIEN-1'), settings);
        const bad: Array<{ order: OrderToWrite; code: OrderRejected['code']; reason: RegExp }> = [
          {
            order: { ...order('CT-MAL-1'), customerKey: unknown.customer },
            code: 'unknown-customer',
            reason: /El cliente .+ no existe en/,
          },
          {
            order: {
              ...order('CT-MAL-2'),
              lines: [order('x').lines[0]!, { articleKey: unknown.article, quantity: 1, unitPrice: 1 }],
            },
            code: 'unknown-article',
            reason: /Partida 2: el artículo .+ no existe en/,
          },
          { order: { ...order('CT-MAL-3'), lines: [] }, code: 'empty-order', reason: /no tiene partidas/ },
        ];
        for (const { order: o, code, reason } of bad) {
          const before = await footprint();
          const attempt = writer.writeOrder(o, settings);
          await expect(attempt, code).rejects.toBeInstanceOf(OrderRejected);
          await expect(attempt, code).rejects.toMatchObject({ code, message: expect.stringMatching(reason) });
          expect(await footprint(), `${code}: nothing written`).toEqual(before);
          expect(await writer.findDocument(o.ref), code).toBeNull();
        }
        // The writer goes on: the next good order is written as usual, after the first one.
        const next = await writer.writeOrder(order('CT-BIEN-2'), settings);
        expect(next.folio).toMatch(folio);
        expect(next.folio).not.toBe(good.folio);
        expect(await writer.findDocument(order('CT-BIEN-1').ref)).toEqual(good);
      }));

    it('offers its series for pedidos as id/label pairs', () =>
      using(subjectFor, async ({ writer, settings }) => {
        const series = await writer.listSeries('pedido', settings.branchId);
        for (const s of series) expect(s).toEqual({ id: expect.any(String), label: expect.any(String) });
      }));
  });
}
