import { useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlertSettingsInput, AlertSettingsView, TestResult } from '../../../shared/ipc-contract';
import { errorText } from '../format';
import { apiQuery } from '../queries/query-client';
import { closeModal } from '../store/modal-store';
import { GroupBox } from './GroupBox';
import { Modal } from './Modal';
import { SaveCloseButtons } from './SaveCloseButtons';

type Security = AlertSettingsInput['smtpSecurity'];
const SECURITY_LABELS: Record<Security, string> = {
  tls: 'TLS (puerto 465)',
  starttls: 'STARTTLS (puerto 587)',
  none: 'Ninguna (solo servidores locales)',
};
const DEFAULT_PORT: Record<Security, number> = { tls: 465, starttls: 587, none: 25 };
const SAVED_PASSWORD_PLACEHOLDER = '(guardada; escriba otra para cambiarla)';
const SAVED_SECRET_PLACEHOLDER = '(guardado; escriba otro para cambiarlo)';
const HOURS = Array.from({ length: 24 }, (_, h) => h);

interface Draft extends Omit<AlertSettingsView, 'smtpPort' | 'hasSmtpPassword' | 'hasWebhookSecret'> {
  smtpPort: string;
  newPassword: string;
  newWebhookSecret: string;
  removeWebhookSecret: boolean;
}

const toDraft = (v: AlertSettingsView): Draft => ({
  desktopNotifications: v.desktopNotifications,
  emergencyEmail: v.emergencyEmail,
  smtpHost: v.smtpHost,
  smtpPort: String(v.smtpPort),
  smtpSecurity: v.smtpSecurity,
  smtpUser: v.smtpUser,
  fromAddress: v.fromAddress,
  newPassword: '',
  webhookUrl: v.webhookUrl,
  newWebhookSecret: '',
  removeWebhookSecret: false,
  digestEnabled: v.digestEnabled,
  digestHour: v.digestHour,
});

/** "Alertas": desktop notifications, the e-mail to the emergency contact, the webhook and the daily digest. */
export function AlertSettingsDialog() {
  const close = (): void => closeModal('alerts');
  const uid = useId();
  const id = (s: string): string => `alert-${s}-${uid}`;
  const queryClient = useQueryClient();
  // Read again each time the dialog opens (staleTime 0): another process may have saved since.
  const settingsQuery = useQuery({ ...apiQuery('getAlertSettings', undefined), staleTime: 0 });
  const saved = settingsQuery.data ?? null;
  // The user's edits; until the first one the dialog shows what is saved.
  const [edited, setEdited] = useState<Draft | null>(null);
  const draft = edited ?? (saved ? toDraft(saved) : null);
  const [saveStatus, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const status = saveStatus ?? (settingsQuery.error ? { ok: false, text: errorText(settingsQuery.error) } : null);
  const [test, setTest] = useState<TestResult | 'running' | null>(null);
  const [busy, setBusy] = useState(false);

  const edit = (patch: Partial<Draft>): void => {
    if (draft) setEdited({ ...draft, ...patch });
    setStatus(null);
  };

  const save = async (): Promise<boolean> => {
    if (!draft) return false;
    const port = Number(draft.smtpPort);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      setStatus({ ok: false, text: 'El puerto del servidor SMTP debe ser un número entre 1 y 65535.' });
      document.getElementById(id('port'))?.focus();
      return false;
    }
    const input: AlertSettingsInput = {
      desktopNotifications: draft.desktopNotifications,
      emergencyEmail: draft.emergencyEmail,
      smtpHost: draft.smtpHost,
      smtpPort: port,
      smtpSecurity: draft.smtpSecurity,
      smtpUser: draft.smtpUser,
      fromAddress: draft.fromAddress,
      ...(draft.newPassword ? { newSmtpPassword: draft.newPassword } : {}),
      webhookUrl: draft.webhookUrl,
      ...(draft.newWebhookSecret
        ? { newWebhookSecret: draft.newWebhookSecret }
        : draft.removeWebhookSecret
          ? { newWebhookSecret: null }
          : {}),
      digestEnabled: draft.digestEnabled,
      digestHour: draft.digestHour,
    };
    setBusy(true);
    try {
      const r = await window.api.saveAlertSettings(input);
      if (!r.ok) {
        setStatus({ ok: false, text: r.message });
        return false;
      }
      const fresh = await window.api.getAlertSettings();
      queryClient.setQueryData(apiQuery('getAlertSettings', undefined).queryKey, fresh);
      setEdited(null);
      setStatus({ ok: true, text: 'La configuración de alertas se guardó.' });
      return true;
    } catch (err) {
      setStatus({ ok: false, text: `No se guardó la configuración de alertas: ${errorText(err)}` });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const sendTest = async (): Promise<void> => {
    // The test uses what is saved: save first so what the user sees is what gets tested.
    if (isDirty(draft, saved) && !(await save())) return;
    setTest('running');
    try {
      setTest(await window.api.sendTestAlert());
    } catch (err) {
      setTest({ ok: false, message: errorText(err), hints: [], elapsedMs: 0 });
    }
  };

  return (
    <Modal
      title="Alertas"
      className="alert-settings"
      onClose={close}
      footer={
        <>
          <button type="button" disabled={!draft || busy || test === 'running'} onClick={() => void sendTest()}>
            Enviar prueba
          </button>
          <span className="spacer" />
          <SaveCloseButtons canSave={!!draft && !busy} onSave={() => void save()} onClose={close} />
        </>
      }
    >
      {!draft ? (
        status ? (
          <p className="banner warning">{status.text}</p>
        ) : (
          <p className="hint">Leyendo la configuración…</p>
        )
      ) : (
        <form
          className="alert-form"
          onSubmit={(e) => e.preventDefault()}
          onKeyDown={(e) => {
            // Enter in a text field presses the default button (Guardar), as in a Windows dialog.
            const t = e.target;
            if (e.key === 'Enter' && t instanceof HTMLInputElement && t.type !== 'checkbox') {
              e.preventDefault();
              void save();
            }
          }}
        >
          <p className="hint">
            Se avisa una sola vez por problema: cuando la sincronización de una empresa falla o sigue fallando, requiere
            revisión, lleva más de un día en pausa o se detiene, y cuando vuelve a funcionar.
          </p>
          <label className="check-row">
            <input
              type="checkbox"
              checked={draft.desktopNotifications}
              onChange={(e) => edit({ desktopNotifications: e.target.checked })}
            />
            Mostrar notificaciones de escritorio
          </label>
          <div className="form-row">
            <label htmlFor={id('email')}>Correo del contacto de emergencia</label>
            <input
              id={id('email')}
              type="email"
              value={draft.emergencyEmail}
              placeholder="sistemas@empresa.com.mx"
              onChange={(e) => edit({ emergencyEmail: e.target.value })}
            />
          </div>
          <GroupBox title="Servidor de correo (SMTP)">
            <div className="form-row">
              <label htmlFor={id('host')}>Servidor</label>
              <input
                id={id('host')}
                value={draft.smtpHost}
                placeholder="smtp.empresa.com.mx"
                onChange={(e) => edit({ smtpHost: e.target.value })}
              />
            </div>
            <div className="form-row">
              <label htmlFor={id('security')}>Seguridad</label>
              <select
                id={id('security')}
                value={draft.smtpSecurity}
                onChange={(e) => {
                  const security = e.target.value as Security;
                  // Follow the usual port unless the user typed a different one.
                  const usual =
                    Object.values(DEFAULT_PORT).map(String).includes(draft.smtpPort) || draft.smtpPort === '';
                  edit({ smtpSecurity: security, ...(usual ? { smtpPort: String(DEFAULT_PORT[security]) } : {}) });
                }}
              >
                {(Object.keys(SECURITY_LABELS) as Security[]).map((s) => (
                  <option key={s} value={s}>
                    {SECURITY_LABELS[s]}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-row">
              <label htmlFor={id('port')}>Puerto</label>
              <input
                id={id('port')}
                className="short"
                inputMode="numeric"
                value={draft.smtpPort}
                onChange={(e) => edit({ smtpPort: e.target.value })}
              />
            </div>
            <div className="form-row">
              <label htmlFor={id('user')}>Usuario</label>
              <input
                id={id('user')}
                value={draft.smtpUser}
                autoComplete="off"
                onChange={(e) => edit({ smtpUser: e.target.value })}
              />
            </div>
            <div className="form-row">
              <label htmlFor={id('password')}>Contraseña</label>
              <input
                id={id('password')}
                type="password"
                autoComplete="new-password"
                value={draft.newPassword}
                placeholder={saved?.hasSmtpPassword ? SAVED_PASSWORD_PLACEHOLDER : ''}
                onChange={(e) => edit({ newPassword: e.target.value })}
              />
            </div>
            <div className="form-row">
              <label htmlFor={id('from')}>Remitente</label>
              <input
                id={id('from')}
                type="email"
                value={draft.fromAddress}
                placeholder="wopen-sync@empresa.com.mx"
                onChange={(e) => edit({ fromAddress: e.target.value })}
              />
            </div>
          </GroupBox>
          <GroupBox title="Webhook (Telegram, WhatsApp, chat y otros servicios)">
            <p className="hint">
              Cada alerta se envía como JSON por POST a esta dirección (https). Con un secreto, cada aviso va firmado
              (encabezado X-Wopen-Signature) para que el servicio que lo recibe compruebe que viene de aquí.
            </p>
            <div className="form-row">
              <label htmlFor={id('hook-url')}>Dirección del webhook</label>
              <input
                id={id('hook-url')}
                type="url"
                value={draft.webhookUrl}
                placeholder="https://hooks.empresa.com.mx/wopen-sync"
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => edit({ webhookUrl: e.target.value })}
              />
            </div>
            <div className="form-row">
              <label htmlFor={id('hook-secret')}>Secreto de firma (opcional)</label>
              <input
                id={id('hook-secret')}
                type="password"
                autoComplete="new-password"
                value={draft.newWebhookSecret}
                disabled={draft.removeWebhookSecret}
                placeholder={saved?.hasWebhookSecret && !draft.removeWebhookSecret ? SAVED_SECRET_PLACEHOLDER : ''}
                onChange={(e) => edit({ newWebhookSecret: e.target.value })}
              />
            </div>
            {saved?.hasWebhookSecret && (
              <label className="check-row">
                <input
                  type="checkbox"
                  checked={draft.removeWebhookSecret}
                  onChange={(e) => edit({ removeWebhookSecret: e.target.checked, newWebhookSecret: '' })}
                />
                Quitar el secreto de firma guardado (los avisos irán sin firma)
              </label>
            )}
          </GroupBox>
          <GroupBox title="Resumen diario">
            <label className="check-row">
              <input
                type="checkbox"
                checked={draft.digestEnabled}
                onChange={(e) => edit({ digestEnabled: e.target.checked })}
              />
              Enviar cada día un resumen por correo al contacto de emergencia
            </label>
            <div className="form-row">
              <label htmlFor={id('digest-hour')}>Hora de envío</label>
              <select
                id={id('digest-hour')}
                className="short"
                value={draft.digestHour}
                disabled={!draft.digestEnabled}
                onChange={(e) => edit({ digestHour: Number(e.target.value) })}
              >
                {HOURS.map((h) => (
                  <option key={h} value={h}>
                    {`${String(h).padStart(2, '0')}:00`}
                  </option>
                ))}
              </select>
            </div>
            <p className="hint">
              Las sincronizaciones de ayer por empresa (Exitoso, Parcial, Fallido, Requiere revisión), los problemas
              abiertos, las bajas retenidas y las pausas. Se envía una vez al día, a partir de esa hora.
            </p>
          </GroupBox>
          {status && (
            <p className={`save-status ${status.ok ? 'ok' : 'failed'}`} role="status">
              {status.text}
            </p>
          )}
          {test === 'running' && (
            <p className="test-result running" role="status">
              Enviando prueba…
            </p>
          )}
          {test && test !== 'running' && (
            <div className={`test-result ${test.ok ? 'ok' : 'failed'}`} role="status" data-testid="alert-test-result">
              <p>{test.message}</p>
              {test.hints.length > 0 && (
                <ul>
                  {test.hints.map((h, i) => (
                    <li key={i}>{h}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </form>
      )}
    </Modal>
  );
}

function isDirty(d: Draft | null, s: AlertSettingsView | null): boolean {
  if (!d || !s) return false;
  const base = toDraft(s);
  return (
    d.newPassword !== '' ||
    d.newWebhookSecret !== '' ||
    (Object.keys(base) as (keyof Draft)[]).some((k) => base[k] !== d[k])
  );
}
