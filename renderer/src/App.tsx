import { useEffect, type KeyboardEvent, type ReactNode } from 'react';
import { CompaniesGrid } from './components/CompaniesGrid';
import { ConnectionBar } from './components/ConnectionBar';
import { ConnectionEditor } from './components/ConnectionEditor';
import { DialogButtons } from './components/DialogButtons';
import { AlertSettingsDialog } from './components/AlertSettingsDialog';
import { EventViewer } from './components/events/EventViewer';
import { SyncHistory } from './components/history/SyncHistory';
import { MessageBox } from './components/MessageBox';
import { SettingsPanel } from './components/SettingsPanel';
import { SimulationModal } from './components/sync/SimulationModal';
import { ResendAllConfirm } from './components/sync/ResendAllConfirm';
import { HeldDeactivationsDialog } from './components/held/HeldDeactivationsDialog';
import { HeldConfirm } from './components/held/HeldConfirm';
import { IdentityBanner, IdentityPrompt } from './components/IdentityPrompt';
import { useConsole } from './store/console-store';
import { AppVersion } from './components/AppVersion';
import { EngineStatus } from './components/EngineStatus';
import { OptionsDialog } from './components/OptionsDialog';
import { DiagnosticDialog } from './components/diagnosis/DiagnosticDialog';
import { DeleteConnectionConfirm } from './components/DeleteConnectionConfirm';
import { subscribeToEngineEvents, useApp } from './store/app-store';
import { subscribeToSyncEvents } from './store/sync-store';
import { MODAL_ORDER, openModal, useModals, useTopModal, type ModalKind } from './store/modal-store';

/** "Opciones > Wopen": the dialog CONTPAQi Comercial shows to connect each company to CONTPAQi Wopen. */
export function App() {
  const init = useConsole((s) => s.init);
  const hasConnection = useConsole((s) => s.connectionId !== null);
  const accept = useConsole((s) => s.accept);
  const monitor = useApp((s) => s.engine?.role === 'monitor');
  const loadAppInfo = useApp((s) => s.load);
  const open = useModals((s) => s.open);
  const top = useTopModal();

  useEffect(() => {
    void init();
  }, [init]);

  // Version and who runs the sync; main pushes engineChanged when that changes.
  useEffect(() => {
    const off = subscribeToEngineEvents();
    void loadAppInfo();
    return off;
  }, [loadAppInfo]);

  // Progress and results of runs (manual or automatic) pushed by main; unsubscribed on unmount.
  useEffect(() => subscribeToSyncEvents(), []);

  // While a modal is open the dialog behind it cannot be reached (mouse, Tab or screen reader); of several
  // open ones only the top one can (MODAL_ORDER), and it is rendered last so it paints over the others.
  const editor = open.editor;
  const views: Record<ModalKind, () => ReactNode> = {
    message: () => <MessageBox />,
    delete: () => <DeleteConnectionConfirm />,
    diagnosis: () => <DiagnosticDialog />,
    editor: () => <ConnectionEditor key={editor?.mode === 'edit' ? `edit-${editor.connectionId}` : 'new'} />,
    alerts: () => <AlertSettingsDialog />,
    options: () => <OptionsDialog />,
    events: () => <EventViewer />,
    history: () => <SyncHistory />,
    simulation: () => <SimulationModal />,
    resend: () => <ResendAllConfirm />,
    held: () => <HeldDeactivationsDialog />,
    heldConfirm: () => <HeldConfirm />,
    identity: () => <IdentityPrompt />,
  };
  const bottomFirst = [...MODAL_ORDER].reverse().filter((k) => k in open);

  return (
    <>
      <main className="dialog" inert={top !== null} onKeyDown={(e) => acceptOnEnter(e, accept)}>
        <header className="dialog-header">
          <div className="dialog-heading">
            <h1>Wopen</h1>
            <p>
              Administración y cuentas: elija las empresas que se sincronizan con CONTPAQi® Wopen y configure cada una.
            </p>
          </div>
          <div className="dialog-about">
            <AppVersion />
            {!monitor && <EngineStatus />}
          </div>
        </header>
        {monitor && <EngineStatus />}
        <IdentityBanner />
        <ConnectionBar />
        {hasConnection ? (
          <div className="dialog-body">
            <CompaniesGrid />
            <SettingsPanel />
          </div>
        ) : (
          <div className="dialog-body empty-state">
            <p>
              Agregue la conexión a la base de datos de su ERP (Microsip o CONTPAQi Comercial) para ver sus empresas.
            </p>
            <button type="button" className="default-button" onClick={() => openModal('editor', { mode: 'new' })}>
              Agregar conexión…
            </button>
          </div>
        )}
        <DialogButtons />
      </main>
      {bottomFirst.map((kind) => (
        <div key={kind} inert={top !== kind}>
          {views[kind]()}
        </div>
      ))}
    </>
  );
}

/** As in a Windows dialog, Enter in a text field presses the default button (Aceptar). */
function acceptOnEnter(e: KeyboardEvent<HTMLElement>, accept: () => Promise<void>): void {
  const t = e.target;
  if (e.key === 'Enter' && t instanceof HTMLInputElement && t.type !== 'checkbox') {
    e.preventDefault();
    void accept();
  }
}
