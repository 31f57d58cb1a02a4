import { useEffect, useState } from 'react';
import type { DesktopSettingsView } from '../../../shared/ipc-contract';
import { errorText } from '../format';
import { useApp } from '../store/app-store';
import { GroupBox } from './GroupBox';
import { Modal } from './Modal';
import { SaveCloseButtons } from './SaveCloseButtons';
import { closeModal } from '../store/modal-store';

/** "Opciones": app-wide settings of this computer (start at login) and what this console is. */
export function OptionsDialog() {
  const close = (): void => closeModal('options');
  const version = useApp((s) => s.version);
  const databasePath = useApp((s) => s.databasePath);
  const engine = useApp((s) => s.engine);
  const [saved, setSaved] = useState<DesktopSettingsView | null>(null);
  const [openAtLogin, setOpenAtLogin] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    window.api.getDesktopSettings().then(
      (v) => {
        setSaved(v);
        setOpenAtLogin(v.openAtLogin);
      },
      (err: unknown) => setStatus({ ok: false, text: `No se pudo leer la configuración de inicio: ${errorText(err)}` }),
    );
  }, []);

  const dirty = saved !== null && saved.openAtLogin !== openAtLogin;

  const save = async (): Promise<void> => {
    setBusy(true);
    try {
      const fresh = await window.api.saveDesktopSettings({ openAtLogin });
      setSaved(fresh);
      setOpenAtLogin(fresh.openAtLogin);
      setStatus({
        ok: true,
        text: fresh.openAtLogin
          ? 'Wopen Sync Console se iniciará al iniciar sesión.'
          : 'Wopen Sync Console ya no se iniciará al iniciar sesión.',
      });
    } catch (err) {
      setStatus({ ok: false, text: `No se guardó la opción de inicio: ${errorText(err)}` });
    } finally {
      setBusy(false);
    }
  };

  const supported = saved?.supported ?? false;

  return (
    <Modal
      title="Opciones de la consola"
      className="options-dialog"
      onClose={() => close()}
      footer={<SaveCloseButtons canSave={dirty && !busy} onSave={() => void save()} onClose={() => close()} />}
    >
      <GroupBox title="Inicio">
        <label className={`check-row ${saved && !supported ? 'disabled' : ''}`}>
          <input
            type="checkbox"
            checked={openAtLogin}
            disabled={!saved || !supported || busy}
            onChange={(e) => {
              setOpenAtLogin(e.target.checked);
              setStatus(null);
            }}
          />
          Iniciar Wopen Sync Console al iniciar sesión
        </label>
        {saved && !supported ? (
          <p className="hint" data-testid="login-item-hint">
            Disponible en Windows.
          </p>
        ) : (
          <p className="hint">Al iniciar sesión en Windows, la consola se abre sola con este usuario.</p>
        )}
        {!saved && !status && <p className="hint">Leyendo la configuración…</p>}
        {status && (
          <p
            className={`save-status ${status.ok ? 'ok' : 'failed'}`}
            role="status"
            data-testid="desktop-settings-status"
          >
            {status.text}
          </p>
        )}
      </GroupBox>
      <GroupBox title="Acerca de">
        <dl className="about-list">
          <dt>Versión</dt>
          <dd data-testid="options-version">{version ? `Wopen Sync Console ${version}` : '—'}</dd>
          <dt>Sincronización</dt>
          <dd>{engine?.message ?? '—'}</dd>
          <dt>Configuración</dt>
          <dd className="path">{databasePath ?? '—'}</dd>
        </dl>
      </GroupBox>
    </Modal>
  );
}
