import { useState } from 'react';
import { errorText, formatCount } from '../../format';
import { queryClient } from '../../queries/query-client';
import { refreshSyncStatus } from '../../queries/sync-status';
import { closeModal, showMessage, useModal } from '../../store/modal-store';
import { Modal } from '../Modal';
import { heldSummary, heldTotal } from './held-text';

/** Asks before *Aplicar* or *Descartar* on held deactivations and says exactly what will happen. */
export function HeldConfirm() {
  const ask = useModal('heldConfirm');
  const [busy, setBusy] = useState(false);
  const close = (): void => closeModal('heldConfirm');
  if (!ask) return null;
  const apply = ask.action === 'apply';
  const what = heldSummary(ask.held);
  const scope = { connectionId: ask.connectionId, companyId: ask.companyId };
  const catalogs = ask.all ? {} : { catalogs: ask.held.map((h) => h.catalog) };

  const confirm = async (): Promise<void> => {
    setBusy(true);
    try {
      const message = apply
        ? (await window.api.applyHeld({ ...scope, ...catalogs })).message
        : (await window.api.discardHeld({ ...scope, ...catalogs })).message;
      close();
      closeModal('held');
      showMessage('info', [message]);
    } catch (err) {
      close();
      showMessage('error', [
        apply ? 'No se aplicaron las bajas retenidas.' : 'No se descartaron las bajas retenidas.',
        errorText(err),
      ]);
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: ['listHeld', scope] });
      await refreshSyncStatus(ask.connectionId, ask.companyId);
    }
  };

  return (
    <Modal
      title={apply ? 'Aplicar bajas retenidas' : 'Descartar bajas retenidas'}
      role="alertdialog"
      className="message-box held-confirm"
      onClose={close}
      footer={
        <>
          <button type="button" disabled={busy} onClick={() => void confirm()}>
            {apply ? 'Aplicar' : 'Descartar'}
          </button>
          {/* The safe answer is the default one, as in a Windows prompt before a destructive action. */}
          <button type="button" className="default-button" data-autofocus onClick={close}>
            Cancelar
          </button>
        </>
      }
    >
      <div className="message-box-content message-info">
        <span className="message-icon" aria-hidden="true">
          ?
        </span>
        {apply ? (
          <div>
            <p>
              ¿Desactivar en la tienda Wopen {formatCount(heldTotal(ask.held))} registros de «{ask.companyName}»?
            </p>
            <p>
              Se aprueban las bajas retenidas ({what}) y se inicia una sincronización que las envía: cada registro se
              desactiva solo si el ERP sigue sin tenerlo en ese momento, y deja de verse en la tienda.
            </p>
          </div>
        ) : (
          <div>
            <p>¿Descartar las bajas retenidas de «{ask.companyName}»?</p>
            <p>
              No se envía ninguna baja ({what}): la tienda queda como está. Si el ERP sigue sin esos registros, la
              próxima sincronización los retendrá otra vez y pedirá revisión.
            </p>
          </div>
        )}
      </div>
    </Modal>
  );
}
