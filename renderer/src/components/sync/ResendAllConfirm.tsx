import { closeModal, useModal } from '../../store/modal-store';
import { useSync } from '../../store/sync-store';
import { Modal } from '../Modal';

/** Asks before *Reenviar todo a la tienda*: every catalog goes again, which takes as long as a first sync. */
export function ResendAllConfirm() {
  const ask = useModal('resend');
  const close = (): void => closeModal('resend');
  const resendAll = useSync((s) => s.resendAll);
  if (!ask) return null;
  const confirm = () => {
    close();
    void resendAll(ask.connectionId, ask.companyId);
  };
  return (
    <Modal
      title="Reenviar todo a la tienda"
      role="alertdialog"
      className="message-box"
      onClose={close}
      footer={
        <>
          <button type="button" onClick={confirm}>
            Reenviar todo
          </button>
          {/* The safe answer is the default one, as in a Windows prompt before a long or destructive action. */}
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
        <div>
          <p>¿Reenviar todos los catálogos de «{ask.companyName}» a la tienda Wopen?</p>
          <p>
            Se olvida lo que ya se había enviado y cada registro se manda otra vez, como en la primera sincronización.
            Úselo si la tienda se restauró o perdió datos. Los pedidos ya importados no se importan de nuevo.
          </p>
        </div>
      </div>
    </Modal>
  );
}
