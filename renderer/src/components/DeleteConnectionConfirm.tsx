import { useState } from 'react';
import { useConsole } from '../store/console-store';
import { closeModal, useModal } from '../store/modal-store';
import { Modal } from './Modal';

/**
 * Asks before deleting a connection, saying what goes with it (ConsoleService.deleteConnection): everything the
 * console keeps for it. The Visor de eventos keeps its events; nothing changes in the ERP or the store.
 */
export function DeleteConnectionConfirm() {
  const connection = useModal('delete');
  const close = (): void => closeModal('delete');
  const remove = useConsole((s) => s.deleteConnection);
  const configured = useConsole((s) =>
    connection && s.connectionId === connection.id ? s.companies.filter((c) => c.configured).length : null,
  );
  const [busy, setBusy] = useState(false);
  if (!connection) return null;
  const companies =
    configured === null || configured === 0
      ? 'La configuración de sus empresas'
      : configured === 1
        ? 'La configuración de su empresa configurada'
        : `La configuración de sus ${configured} empresas configuradas`;

  const confirm = async (): Promise<void> => {
    setBusy(true);
    await remove(connection.id);
    setBusy(false);
  };

  return (
    <Modal
      title="Eliminar conexión"
      role="alertdialog"
      className="message-box delete-connection"
      onClose={close}
      footer={
        <>
          <button type="button" disabled={busy} onClick={() => void confirm()}>
            Eliminar
          </button>
          {/* The safe answer is the default one, as in a Windows prompt before a destructive action. */}
          <button type="button" className="default-button" data-autofocus disabled={busy} onClick={close}>
            Cancelar
          </button>
        </>
      }
    >
      <div className="message-box-content message-error">
        <span className="message-icon" aria-hidden="true">
          !
        </span>
        <div>
          <p>¿Eliminar la conexión «{connection.name}»?</p>
          <p>También se eliminará, sin posibilidad de recuperarlo:</p>
          <ul className="delete-list">
            <li>{companies}: sincronización, periodo, sucursal, timbrado y la cuenta de Wopen con su contraseña.</li>
            <li>La configuración de Pedidos y cotizaciones.</li>
            <li>El estado de sincronización (lo ya enviado a la tienda) y el Historial de sincronización.</li>
            <li>Los pedidos y solicitudes de factura recibidos de la tienda, también los que tienen error.</li>
            <li>La contraseña guardada de la conexión.</li>
          </ul>
          <p>El Visor de eventos conserva sus eventos. No se modifica nada en el ERP ni en la tienda Wopen.</p>
        </div>
      </div>
    </Modal>
  );
}
