import { Fragment, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { CatalogName } from '../../../../shared/catalogs';
import type { HeldCatalogView } from '../../../../shared/ipc-contract';
import { errorText, formatCount, formatLocalDateTime } from '../../format';
import { apiQuery } from '../../queries/query-client';
import { closeModal, openModal, useModal } from '../../store/modal-store';
import { Modal } from '../Modal';

const SAMPLES_SHOWN = 10;

function statusOf(h: HeldCatalogView): string {
  if (!h.approvedAt) return 'Pendiente de revisión';
  const by = h.approvedBy ? ` por ${h.approvedBy}` : '';
  return `Aplicada${by} el ${formatLocalDateTime(h.approvedAt)}; se envía en la próxima sincronización`;
}

/**
 * *Bajas retenidas* of one company: the deactivations a run did not send because they were too many, per
 * catalog with its numbers and some of the keys, and *Aplicar* / *Descartar* for the ones ticked.
 */
export function HeldDeactivationsDialog() {
  const ask = useModal('held');
  const close = (): void => closeModal('held');
  const heldQuery = useQuery({
    ...apiQuery('listHeld', { connectionId: ask?.connectionId ?? 0, companyId: ask?.companyId ?? '' }),
    enabled: ask !== undefined,
    staleTime: 0,
  });
  const limits = useQuery(apiQuery('getDeactivationLimits', undefined)).data;
  // Catalogs the user unticked; every held catalog starts ticked.
  const [unticked, setUnticked] = useState<ReadonlySet<CatalogName>>(new Set());
  if (!ask) return null;
  const held = heldQuery.data ?? [];
  const chosen = held.filter((h) => !unticked.has(h.catalog));
  const toggle = (c: CatalogName): void =>
    setUnticked((s) => {
      const next = new Set(s);
      if (next.has(c)) next.delete(c);
      else next.add(c);
      return next;
    });
  const confirm = (action: 'apply' | 'discard'): void =>
    openModal('heldConfirm', { ...ask, action, held: chosen, all: chosen.length === held.length });

  return (
    <Modal
      title="Bajas retenidas"
      className="held-dialog"
      onClose={close}
      footer={
        <>
          <button type="button" disabled={chosen.length === 0} onClick={() => confirm('apply')}>
            Aplicar…
          </button>
          <button type="button" disabled={chosen.length === 0} onClick={() => confirm('discard')}>
            Descartar…
          </button>
          <span className="spacer" />
          <button type="button" className="default-button" data-autofocus onClick={close}>
            Cerrar
          </button>
        </>
      }
    >
      <p className="selected-company">
        Empresa: <strong>{ask.companyName}</strong>
      </p>
      <p className="notice" role="note">
        Estas bajas no se enviaron a la tienda Wopen: la sincronización iba a desactivar
        {limits
          ? ` más de ${formatCount(limits.maxCount)} registros y más del ${limits.maxSharePct} % de lo que la tienda tiene de un catálogo`
          : ' demasiados registros de un catálogo'}
        , o el ERP devolvió vacío un catálogo que tenía registros. Suele ser una restauración en curso, una empresa
        equivocada o una tabla vaciada: revise el ERP antes de aplicarlas. Las altas y los cambios de la misma
        sincronización sí se enviaron.
      </p>
      {heldQuery.error ? (
        <p className="banner warning">No se pudieron leer las bajas retenidas: {errorText(heldQuery.error)}</p>
      ) : heldQuery.isPending ? (
        <p className="hint">Leyendo las bajas retenidas…</p>
      ) : held.length === 0 ? (
        <p className="hint" data-testid="held-empty">
          Esta empresa no tiene bajas retenidas.
        </p>
      ) : (
        <div className="grid-frame held-frame">
          <table className="catalog-grid held-grid">
            <caption className="visually-hidden">Bajas retenidas por catálogo</caption>
            <thead>
              <tr>
                <th scope="col" className="check-col">
                  <span className="visually-hidden">Elegir</span>
                </th>
                <th scope="col">Catálogo</th>
                <th scope="col" className="num">
                  Bajas retenidas
                </th>
                <th scope="col" className="num">
                  % de la tienda
                </th>
                <th scope="col" className="num">
                  En la tienda
                </th>
                <th scope="col" className="num">
                  En el ERP
                </th>
                <th scope="col">Retenidas el</th>
                <th scope="col">Estado</th>
              </tr>
            </thead>
            <tbody>
              {held.map((h) => (
                <Fragment key={h.catalog}>
                  <tr className="has-detail" data-catalog={h.catalog}>
                    <td className="check-col">
                      <input
                        type="checkbox"
                        aria-label={`Elegir ${h.label}`}
                        checked={!unticked.has(h.catalog)}
                        onChange={() => toggle(h.catalog)}
                      />
                    </td>
                    <th scope="row">{h.label}</th>
                    <td className="num" data-testid={`held-count-${h.catalog}`}>
                      {formatCount(h.count)}
                    </td>
                    <td className="num">{h.sharePct} %</td>
                    <td className="num">{formatCount(h.storeHolds)}</td>
                    <td className="num">{formatCount(h.erpCount)}</td>
                    <td>{formatLocalDateTime(h.heldAt)}</td>
                    <td className={h.approvedAt ? 'ok-text' : 'warning-text'}>{statusOf(h)}</td>
                  </tr>
                  <tr className="detail-row">
                    <td />
                    <td colSpan={7}>
                      <span className="held-reason">{h.reasonText}</span>{' '}
                      <span className="held-samples" data-testid={`held-samples-${h.catalog}`}>
                        Claves de ejemplo: {h.samples.join(', ')}
                        {h.count > Math.min(h.samples.length, SAMPLES_SHOWN) &&
                          ` y ${formatCount(h.count - h.samples.length)} más`}
                        .
                      </span>
                    </td>
                  </tr>
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="hint">
        Aplicar desactiva en la tienda las bajas elegidas (solo las que el ERP siga sin tener en ese momento) e inicia
        una sincronización. Descartar no envía nada: la tienda queda como está y, si el ERP sigue igual, la próxima
        sincronización las retiene otra vez.
      </p>
    </Modal>
  );
}
