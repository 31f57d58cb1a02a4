import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Choice, OrderSettingsValues } from '../../../shared/order-settings';
import { errorText, formatLocalDateTime } from '../format';
import { useConsole } from '../store/console-store';
import { useCompanySync } from '../store/use-company-sync';
import { apiQuery } from '../queries/query-client';
import { GroupBox } from './GroupBox';
import { phaseCountsText } from './sync/phase-counts';

/** A saved id the ERP no longer lists stays visible instead of silently turning into "default". */
function Options({ choices, value, none }: { choices: Choice[]; value: string | null; none: string }) {
  const orphan = value && !choices.some((c) => c.id === value) ? value : null;
  return (
    <>
      <option value="">{none}</option>
      {choices.map((c) => (
        <option key={c.id} value={c.id}>
          {c.label}
        </option>
      ))}
      {orphan && <option value={orphan}>{orphan} (no está en la lista del ERP)</option>}
    </>
  );
}

/** *Pedidos y cotizaciones* of the selected company (shown when Sincronización Pedidos is ticked). */
export function OrdersGroup({ companyId }: { companyId: string }) {
  const connectionId = useConsole((s) => s.connectionId);
  const lastRun = useCompanySync(connectionId, companyId)?.lastRun;
  const view = useConsole((s) => s.orderViews[companyId]);
  const draft = useConsole((s) => s.orderDrafts[companyId] ?? s.orderViews[companyId]?.settings);
  const loadError = useConsole((s) => s.orderLoadErrors[companyId]);
  const loadOrderSettings = useConsole((s) => s.loadOrderSettings);
  const editOrderDraft = useConsole((s) => s.editOrderDraft);
  const [retried, setRetried] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // A finished run may have imported or rejected orders: the sync event invalidates this answer.
  const failedQuery = useQuery({
    ...apiQuery('listFailedOrders', { connectionId: connectionId ?? 0, companyId }),
    enabled: connectionId !== null,
  });
  const failed = failedQuery.data ?? [];
  const message = retried ?? (failedQuery.error ? { ok: false, text: errorText(failedQuery.error) } : null);

  useEffect(() => {
    // The settings and the ERP's choices are read once per connection and kept by the store with the edits.
    void loadOrderSettings(companyId);
  }, [companyId, loadOrderSettings]);

  if (connectionId === null) return null;
  // Saved with everything else by the dialog's Aceptar; Cancelar discards these edits too.
  const edit = (patch: Partial<OrderSettingsValues>) => editOrderDraft(companyId, patch);

  const retry = (storeOrderId: string): void => {
    setBusy(true);
    window.api.retryOrder({ connectionId, companyId, storeOrderId }).then(
      (r) => {
        setBusy(false);
        setRetried({ ok: r.started, text: r.message });
        void failedQuery.refetch();
      },
      (err: unknown) => {
        setBusy(false);
        setRetried({ ok: false, text: `No se inició el reintento: ${errorText(err)}` });
      },
    );
  };

  const counts = lastRun?.phases.find((p) => p.phase === 'orders')?.counts ?? null;

  return (
    <GroupBox title="Pedidos y cotizaciones" className="orders-group">
      {!draft && !loadError && <p className="hint">Leyendo series, artículos y almacenes del ERP…</p>}
      {loadError && (
        <p className="hint warning-text" role="alert">
          {loadError}
        </p>
      )}
      {view && draft && (
        <>
          <div className="form-grid">
            <label htmlFor="orders-series-p">Serie de pedidos</label>
            <select
              id="orders-series-p"
              value={draft.seriesPedidos ?? ''}
              onChange={(e) => edit({ seriesPedidos: e.target.value || null })}
            >
              <Options
                choices={view.choices.seriesPedidos}
                value={draft.seriesPedidos}
                none="(Predeterminada del ERP)"
              />
            </select>
            <label htmlFor="orders-series-c">Serie de cotizaciones</label>
            <select
              id="orders-series-c"
              value={draft.seriesCotizaciones ?? ''}
              onChange={(e) => edit({ seriesCotizaciones: e.target.value || null })}
            >
              <Options
                choices={view.choices.seriesCotizaciones}
                value={draft.seriesCotizaciones}
                none="(Predeterminada del ERP)"
              />
            </select>
            <label htmlFor="orders-freight">Artículo de fletes</label>
            <div>
              <select
                id="orders-freight"
                value={draft.freightArticleId ?? ''}
                onChange={(e) => edit({ freightArticleId: e.target.value || null })}
              >
                <Options choices={view.choices.articles} value={draft.freightArticleId} none="(Ninguno)" />
              </select>
              <p className="hint">Este producto no se mostrará en los buscadores de la tienda.</p>
            </div>
            <label htmlFor="orders-warehouse">Almacén</label>
            <select
              id="orders-warehouse"
              value={draft.warehouseId ?? ''}
              onChange={(e) => edit({ warehouseId: e.target.value || null })}
            >
              <Options choices={view.choices.warehouses} value={draft.warehouseId} none="(Predeterminado del ERP)" />
            </select>
            <span className="grid-gap" />
            <label className="check">
              <input
                type="checkbox"
                checked={draft.requireRfc}
                onChange={(e) => edit({ requireRfc: e.target.checked })}
              />
              RFC obligatorio para clientes nuevos
            </label>
          </div>
          {view.warnings.map((w) => (
            <p key={w} className="hint warning-text">
              {w}
            </p>
          ))}
        </>
      )}
      {message && (
        <p className={message.ok ? 'hint' : 'hint warning-text'} role="status">
          {message.text}
        </p>
      )}
      {counts && (
        <p className="hint" data-testid="order-counts">
          Última sincronización: {phaseCountsText(counts)}.
        </p>
      )}
      <h3 className="orders-failed-title">Pedidos con error</h3>
      {failed.length === 0 ? (
        <p className="hint">No hay pedidos con error.</p>
      ) : (
        <div className="grid-frame orders-failed">
          <table>
            <thead>
              <tr>
                <th>Pedido</th>
                <th>Tipo</th>
                <th>Fecha</th>
                <th>Cliente</th>
                <th>Motivo</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {failed.map((f) => (
                <tr key={f.storeOrderId}>
                  <td>{f.storeOrderId}</td>
                  <td>{f.kindLabel}</td>
                  <td>{f.createdAt ? formatLocalDateTime(f.createdAt) : '—'}</td>
                  <td>{f.customerKey}</td>
                  <td className="run-message">{f.reason}</td>
                  <td>
                    {f.retryable ? (
                      <button type="button" disabled={busy} onClick={() => retry(f.storeOrderId)}>
                        Reintentar
                      </button>
                    ) : (
                      <span className="hint">Corríjalo en la tienda</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </GroupBox>
  );
}
