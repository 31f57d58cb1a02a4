import {
  OrderRejected,
  type OrderSettings,
  type OrderToWrite,
  type OrderWriter,
  type WrittenDocument,
} from '../../order-writer';
import { ErpError } from '../../port';
import type { OpenFirebirdSession } from '../firebird-client';
import { decodeMicrosipText } from '../win1252-text';
import {
  loadOrderFacts,
  readOrderSchema,
  readSeries,
  resolveWarehouse,
  seriesOfBranch,
  type OrderSchema,
} from './load-order-facts';
import { formatFolio } from './folio';
import { octetsParam } from './order-text';
import { ordenCompraOf, validateOrder } from './validate-order';
import { writeDocument } from './write-document';

/**
 * The Microsip OrderWriter: one attachment to the company database until `close()`. Each `writeOrder` reads what
 * it needs, validates everything (OrderRejected, nothing written), then writes the document in ONE transaction.
 *
 * Same store id twice: the existing document is returned, not a second one. The check runs inside the write
 * transaction after the folio row is updated, so two writers racing on the same order serialise on the
 * FOLIOS_VENTAS row (the second waits, then gets an update conflict and rolls back; a retry finds the document).
 */
export class MicrosipOrderWriter implements OrderWriter {
  private closed = false;
  /**
   * Writes on one attachment run one at a time: node-firebird queues every statement of an attachment, so a second
   * transaction waiting for the folio row locked by the first would block the first's next statement until
   * Firebird's deadlock timeout.
   */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly db: OpenFirebirdSession,
    private readonly schema: OrderSchema,
    private readonly describe: (err: unknown) => Error,
  ) {}

  static async open(db: OpenFirebirdSession, describe: (err: unknown) => Error): Promise<MicrosipOrderWriter> {
    try {
      return new MicrosipOrderWriter(db, await readOrderSchema(db), describe);
    } catch (err) {
      await db.close();
      throw err instanceof ErpError ? err : describe(err);
    }
  }

  writeOrder(order: OrderToWrite, settings: OrderSettings): Promise<WrittenDocument> {
    this.assertOpen();
    const run = this.queue.then(() => this.writeOne(order, settings));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async writeOne(order: OrderToWrite, settings: OrderSettings): Promise<WrittenDocument> {
    this.assertOpen();
    const existing = await this.findDocument(order.ref);
    if (existing) return existing;
    const { plan, warehouseId } = await this.guard(async () => {
      const facts = await loadOrderFacts(this.db, this.schema, order, settings);
      const validated = validateOrder(order, settings, facts);
      return { plan: validated, warehouseId: await resolveWarehouse(this.db, this.schema, settings.warehouseId) };
    });
    return this.guard(() =>
      this.db.transaction(async (tx) => {
        const written = await writeDocument(tx, this.schema, plan, warehouseId);
        const twins = await tx.query(
          `SELECT DOCTO_VE_ID FROM DOCTOS_VE WHERE ORDEN_COMPRA = ${octetsParam(plan.ordenCompra)}`,
          [plan.ordenCompra],
        );
        if (twins.length > 1)
          throw new ErpError(
            `El pedido ${order.id} de la tienda ya se estaba escribiendo en Microsip; se reintentará.`,
          );
        return written;
      }),
    );
  }

  async findDocument(ref: string): Promise<WrittenDocument | null> {
    this.assertOpen();
    let ordenCompra: Buffer;
    try {
      ordenCompra = ordenCompraOf(ref, this.schema.limits.ordenCompra);
    } catch (err) {
      if (err instanceof OrderRejected) return null; // an id that cannot be stored was never written
      throw err;
    }
    const rows = await this.guard(() =>
      this.db.query<Record<string, unknown>>(
        `SELECT FIRST 1 DOCTO_VE_ID AS ID, CAST(FOLIO AS VARCHAR(9) CHARACTER SET OCTETS) AS FOLIO FROM DOCTOS_VE
          WHERE ORDEN_COMPRA = ${octetsParam(ordenCompra)} AND TIPO_DOCTO IN ('P', 'C') ORDER BY DOCTO_VE_ID`,
        [ordenCompra],
      ),
    );
    const row = rows[0];
    return row ? { documentId: String(row.ID), folio: decodeMicrosipText(row.FOLIO) ?? '' } : null;
  }

  async listSeries(
    kind: 'pedido' | 'cotizacion',
    branchId: string | null = null,
  ): Promise<{ id: string; label: string }[]> {
    this.assertOpen();
    const tipo = kind === 'cotizacion' ? 'C' : 'P';
    const series = await this.guard(() => readSeries(this.db, this.schema));
    const branch = this.schema.branches && branchId !== null && /^\d+$/.test(branchId) ? Number(branchId) : null;
    // One entry per series name: the branch's own row comes first and is the one its documents use.
    const byName = new Map<string, (typeof series)[number]>();
    for (const s of seriesOfBranch(series, branch))
      if (s.tipoDocto === tipo && !byName.has(s.serie)) byName.set(s.serie, s);
    return [...byName.values()].map((s) => ({
      id: s.serie,
      label: `${s.serie === '@' ? 'Sin serie' : `Serie ${s.serie}`} (siguiente folio ${safeFolio(s.serie, s.consecutivo)})`,
    }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new ErpError('La conexión de pedidos con Microsip ya se cerró.');
  }

  /** OrderRejected and ErpError pass through; driver errors become a Spanish ErpError. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof OrderRejected || err instanceof ErpError) throw err;
      throw this.describe(err);
    }
  }
}

function safeFolio(serie: string, consecutivo: number): string {
  try {
    return formatFolio(serie, consecutivo);
  } catch {
    return 'agotado';
  }
}
