import { closeModal, useModal } from '../store/modal-store';
import { Modal } from './Modal';

/** CONTPAQi's message box: title "Wopen", the message, one "Aceptar" button. */
export function MessageBox() {
  const box = useModal('message');
  const close = (): void => closeModal('message');
  if (!box) return null;
  return (
    <Modal
      title="Wopen"
      role="alertdialog"
      className="message-box"
      onClose={close}
      footer={
        <button type="button" className="default-button" data-autofocus onClick={close}>
          Aceptar
        </button>
      }
    >
      <div className={`message-box-content message-${box.kind}`}>
        <span className="message-icon" aria-hidden="true">
          {box.kind === 'error' ? '!' : 'i'}
        </span>
        <div>
          {box.lines.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </div>
      </div>
    </Modal>
  );
}
