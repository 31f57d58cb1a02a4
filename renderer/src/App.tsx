import { useEffect, type KeyboardEvent } from 'react';
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
import { useConsole } from './store/console-store';
import { AppVersion } from './components/AppVersion';
import { EngineStatus } from './components/EngineStatus';
import { OptionsDialog } from './components/OptionsDialog';
import { DiagnosticDialog } from './components/diagnosis/DiagnosticDialog';
import { DeleteConnectionConfirm } from './components/DeleteConnectionConfirm';
import { subscribeToEngineEvents, useApp } from './store/app-store';
import { subscribeToSyncEvents, useSync } from './store/sync-store';

/** "Opciones > Wopen": the dialog CONTPAQi Comercial shows to connect each company to CONTPAQi Wopen. */
export function App() {
  const init = useConsole((s) => s.init);
  const editor = useConsole((s) => s.connectionEditor);
  const diagnosisOpen = useConsole((s) => s.diagnosis !== null);
  const deleteOpen = useConsole((s) => s.deleteConfirm !== null);
  const eventsOpen = useConsole((s) => s.eventViewerOpen);
  const historyOpen = useConsole((s) => s.historyOpen);
  const alertsOpen = useConsole((s) => s.alertSettingsOpen);
  const messageOpen = useConsole((s) => s.messageBox !== null);
  const hasConnection = useConsole((s) => s.connectionId !== null);
  const openEditor = useConsole((s) => s.openConnectionEditor);
  const accept = useConsole((s) => s.accept);
  const simulationOpen = useSync((s) => s.simulation !== null);
  const resendOpen = useSync((s) => s.resendConfirm !== null);
  const optionsOpen = useApp((s) => s.optionsOpen);
  const monitor = useApp((s) => s.engine?.role === 'monitor');
  const loadAppInfo = useApp((s) => s.load);

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

  // One modal at a time; while it is open the dialog behind it cannot be reached (mouse, Tab or screen reader).
  // The first open one in this order is on top (the diagnosis and the delete confirmation open over the editor).
  const open: [string, boolean][] = [
    ['message', messageOpen],
    ['delete', deleteOpen],
    ['diagnosis', diagnosisOpen],
    ['editor', editor !== null],
    ['alerts', alertsOpen],
    ['options', optionsOpen],
    ['events', eventsOpen],
    ['history', historyOpen],
    ['simulation', simulationOpen],
    ['resend', resendOpen],
  ];
  const modal = open.find(([, isOpen]) => isOpen)?.[0] ?? null;

  return (
    <>
      <main className="dialog" inert={modal !== null} onKeyDown={(e) => acceptOnEnter(e, accept)}>
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
            <button type="button" className="default-button" onClick={() => openEditor({ mode: 'new' })}>
              Agregar conexión…
            </button>
          </div>
        )}
        <DialogButtons />
      </main>
      {editor && (
        <div inert={modal !== 'editor'}>
          <ConnectionEditor key={editor.mode === 'edit' ? `edit-${editor.connection.id}` : 'new'} />
        </div>
      )}
      {diagnosisOpen && (
        <div inert={modal !== 'diagnosis'}>
          <DiagnosticDialog />
        </div>
      )}
      {deleteOpen && (
        <div inert={modal !== 'delete'}>
          <DeleteConnectionConfirm />
        </div>
      )}
      {eventsOpen && (
        <div inert={modal !== 'events'}>
          <EventViewer />
        </div>
      )}
      {historyOpen && (
        <div inert={modal !== 'history'}>
          <SyncHistory />
        </div>
      )}
      {alertsOpen && (
        <div inert={modal !== 'alerts'}>
          <AlertSettingsDialog />
        </div>
      )}
      {optionsOpen && (
        <div inert={modal !== 'options'}>
          <OptionsDialog />
        </div>
      )}
      {simulationOpen && (
        <div inert={modal !== 'simulation'}>
          <SimulationModal />
        </div>
      )}
      {resendOpen && (
        <div inert={modal !== 'resend'}>
          <ResendAllConfirm />
        </div>
      )}
      <MessageBox />
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
