import { closeModal, useModal } from '../../store/modal-store';
import { Modal } from '../Modal';
import { CatalogRunTable } from './CatalogRunTable';

/** What *Sincronizar ahora* would push right now, per catalog. Nothing was sent. */
export function SimulationModal() {
  const simulation = useModal('simulation');
  const close = (): void => closeModal('simulation');
  if (!simulation) return null;
  const { run } = simulation;
  return (
    <Modal
      title="Simulación de sincronización"
      className="simulation"
      onClose={close}
      footer={
        <button type="button" className="default-button" data-autofocus onClick={close}>
          Cerrar
        </button>
      }
    >
      <p className="selected-company">
        Empresa: <strong>{simulation.companyName}</strong>
      </p>
      <p className="notice" role="note">
        Esto es lo que se enviaría a la tienda Wopen si sincroniza ahora. <strong>No se envió nada.</strong>
      </p>
      {run.message && <p className="simulation-summary">{run.message}</p>}
      <CatalogRunTable run={run} caption="Simulación por catálogo" />
    </Modal>
  );
}
