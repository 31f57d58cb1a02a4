import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import {
  ERP_KIND_LABELS,
  ERP_KINDS,
  type ErpConfig,
  type ErpConnectionView,
  type ErpKind,
} from '../../../shared/erp-connection';
import type { ConnectionInput, TestResult } from '../../../shared/ipc-contract';
import { errorText } from '../format';
import { useConnection } from '../queries/connections';
import { useConsole } from '../store/console-store';
import { closeModal, openModal, useModal } from '../store/modal-store';
import { Modal } from './Modal';
import { TestResultBox } from './TestResultBox';

/** Every field of both ERP kinds as typed; switching kind keeps what was typed for the other. */
interface ConnectionForm {
  kind: ErpKind;
  name: string;
  host: string;
  port: string;
  folder: string;
  microsipUser: string;
  allowLegacyAuth: boolean;
  server: string;
  database: string;
  authentication: 'sql' | 'windows';
  contpaqiUser: string;
  encrypt: boolean;
  trustServerCertificate: boolean;
  /** One network folder per line (\\servidor\carpeta) where the stamped XMLs may be read. */
  cfdiFolders: string;
  password: string;
}

function formFrom(c: ErpConnectionView | undefined): ConnectionForm {
  const form: ConnectionForm = {
    kind: c?.config.kind ?? 'microsip',
    name: c?.name ?? '',
    host: 'localhost',
    port: '3050',
    folder: '',
    microsipUser: 'SYSDBA',
    allowLegacyAuth: false,
    server: '',
    database: '',
    authentication: 'sql',
    contpaqiUser: 'sa',
    encrypt: true,
    trustServerCertificate: false,
    cfdiFolders: '',
    password: '',
  };
  if (c?.config.kind === 'microsip') {
    Object.assign(form, {
      host: c.config.host,
      port: String(c.config.port),
      folder: c.config.folder,
      microsipUser: c.config.user,
      allowLegacyAuth: c.config.allowLegacyAuth === true,
    });
  } else if (c?.config.kind === 'contpaqi') {
    const k = c.config;
    Object.assign(form, {
      server: k.server,
      database: k.database,
      authentication: k.authentication,
      contpaqiUser: k.user,
      encrypt: k.encrypt,
      trustServerCertificate: k.trustServerCertificate,
      cfdiFolders: (k.cfdiFolders ?? []).join('\n'),
    });
  }
  return form;
}

type Built = { ok: true; input: ConnectionInput } | { ok: false; message: string };

/** Checks the fields in Spanish before anything is sent (main would refuse them with a technical message). */
function buildInput(f: ConnectionForm, id: number | undefined, purpose: 'use' | 'discover'): Built {
  const missing = (label: string): Built => ({ ok: false, message: `Capture el campo «${label}».` });
  let config: ErpConfig;
  if (f.kind === 'microsip') {
    const port = Number(f.port.trim());
    if (!f.host.trim()) return missing('Servidor');
    if (!/^\d+$/.test(f.port.trim()) || port < 1 || port > 65535) {
      return { ok: false, message: 'El Puerto debe ser un número entre 1 y 65535 (Firebird usa 3050).' };
    }
    if (!f.folder.trim()) return missing('Carpeta de datos');
    if (!f.microsipUser.trim()) return missing('Usuario');
    config = {
      kind: 'microsip',
      host: f.host.trim(),
      port,
      folder: f.folder.trim(),
      user: f.microsipUser.trim(),
      ...(f.allowLegacyAuth ? { allowLegacyAuth: true } : {}),
    };
  } else {
    if (!f.server.trim()) return missing('Servidor (instancia)');
    // Searching needs only the server; the contract still wants a name, and "master" always exists.
    const database = f.database.trim() || (purpose === 'discover' ? 'master' : '');
    if (!database) return { ok: false, message: 'Capture la Base de datos o haga clic en «Buscar bases de datos».' };
    if (!f.contpaqiUser.trim()) return missing('Usuario');
    config = {
      kind: 'contpaqi',
      server: f.server.trim(),
      database,
      authentication: f.authentication,
      user: f.contpaqiUser.trim(),
      encrypt: f.encrypt,
      trustServerCertificate: f.trustServerCertificate,
      cfdiFolders: f.cfdiFolders
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== ''),
    };
    if ((config.cfdiFolders ?? []).some((l) => !/^(\\\\|\/\/)[^\\/]+[\\/][^\\/]+/.test(l)))
      return {
        ok: false,
        message:
          'Cada carpeta de los XML debe ser una carpeta de red completa, por ejemplo \\\\SERVIDOR\\Empresas\\XML.',
      };
  }
  return {
    ok: true,
    input: {
      ...(id !== undefined ? { id } : {}),
      ...(f.name.trim() ? { name: f.name.trim() } : {}),
      config,
      ...(f.password ? { newPassword: f.password } : {}),
    },
  };
}

/** Add or change the connection to Microsip (Firebird) or CONTPAQi Comercial (SQL Server). */
export function ConnectionEditor() {
  const editor = useModal('editor');
  const close = (): void => closeModal('editor');
  const reloadConnections = useConsole((s) => s.reloadConnections);
  const existing = useConnection(editor?.mode === 'edit' ? editor.connectionId : null);
  const [form, setForm] = useState<ConnectionForm>(() => formFrom(existing));
  const [result, setResult] = useState<TestResult | 'running' | undefined>(undefined);
  const [databases, setDatabases] = useState<string[]>([]);

  const edit = (patch: Partial<ConnectionForm>): void => setForm((f) => ({ ...f, ...patch }));
  const fail = (message: string): void => setResult({ ok: false, message, hints: [], elapsedMs: 0 });
  const passwordPlaceholder = existing?.hasPassword ? 'Contraseña guardada (escriba para cambiarla)' : '';

  // One answer box for the three calls: "running" while one is out, then its result or its error.
  const settle = { onMutate: () => setResult('running'), onError: (err: unknown) => fail(errorText(err)) };
  const test = useMutation({
    ...settle,
    mutationFn: (input: ConnectionInput) => window.api.testErpConnection(input),
    onSuccess: (r: TestResult) => setResult(r),
  });
  const discover = useMutation({
    ...settle,
    mutationFn: (input: ConnectionInput) => window.api.discoverDatabases(input),
    onSuccess: (found: { databases: string[]; message: string }) => {
      setDatabases(found.databases);
      setResult({ ok: found.databases.length > 0, message: found.message, hints: [], elapsedMs: 0 });
    },
  });
  // Saving re-reads the connections (the store selects the saved one), so the bar shows the new name at once.
  const save = useMutation({
    ...settle,
    mutationFn: (input: ConnectionInput) => window.api.saveConnection(input),
    onSuccess: async ({ id }: { id: number }) => {
      close();
      await reloadConnections(id);
    },
  });
  const busy = test.isPending || discover.isPending || save.isPending;

  function run(purpose: 'test' | 'discover' | 'save'): void {
    const built = buildInput(form, existing?.id, purpose === 'discover' ? 'discover' : 'use');
    if (!built.ok) return fail(built.message);
    ({ test, discover, save })[purpose].mutate(built.input);
  }

  const title = existing ? 'Modificar conexión al ERP' : 'Nueva conexión al ERP';
  return (
    <Modal
      title={title}
      onClose={close}
      className="connection-editor"
      footer={
        <>
          <button type="button" disabled={busy} onClick={() => run('test')}>
            Probar conexión
          </button>
          {existing && (
            <>
              {/* Both act on the saved connection, not on edits still in the form. */}
              <button type="button" disabled={busy} onClick={() => openModal('diagnosis', existing)}>
                Diagnóstico…
              </button>
              <button type="button" disabled={busy} onClick={() => openModal('delete', existing)}>
                Eliminar conexión…
              </button>
            </>
          )}
          <span className="spacer" />
          <button type="button" className="default-button" disabled={busy} onClick={() => run('save')}>
            Guardar
          </button>
          <button type="button" onClick={close}>
            Cancelar
          </button>
        </>
      }
    >
      <form className="form-grid" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="erp-kind">Tipo de ERP</label>
        <select
          id="erp-kind"
          value={form.kind}
          disabled={existing !== undefined}
          onChange={(e) => edit({ kind: e.target.value as ErpKind })}
        >
          {ERP_KINDS.map((k) => (
            <option key={k} value={k}>
              {ERP_KIND_LABELS[k]}
            </option>
          ))}
        </select>

        <label htmlFor="erp-name">Nombre de la conexión</label>
        <input
          id="erp-name"
          value={form.name}
          placeholder="Opcional; se genera si lo deja vacío"
          onChange={(e) => edit({ name: e.target.value })}
        />

        {form.kind === 'microsip' ? (
          <>
            <label htmlFor="ms-host">Servidor</label>
            <input
              id="ms-host"
              value={form.host}
              placeholder="Nombre o IP del equipo con Firebird"
              onChange={(e) => edit({ host: e.target.value })}
            />
            <label htmlFor="ms-port">Puerto</label>
            <input
              id="ms-port"
              className="short"
              inputMode="numeric"
              value={form.port}
              onChange={(e) => edit({ port: e.target.value })}
            />
            <label htmlFor="ms-folder">Carpeta de datos</label>
            <input
              id="ms-folder"
              value={form.folder}
              placeholder="Por ejemplo C:\Microsip datos"
              onChange={(e) => edit({ folder: e.target.value })}
            />
            <label htmlFor="ms-user">Usuario</label>
            <input id="ms-user" value={form.microsipUser} onChange={(e) => edit({ microsipUser: e.target.value })} />
            <span />
            <label
              className="check"
              title="Solo para un servidor Firebird antiguo que no acepta Srp: la contraseña viaja con una protección débil y la conexión no se cifra"
            >
              <input
                id="ms-legacy-auth"
                type="checkbox"
                checked={form.allowLegacyAuth}
                onChange={(e) => edit({ allowLegacyAuth: e.target.checked })}
              />
              Permitir autenticación antigua (Legacy_Auth)
            </label>
          </>
        ) : (
          <>
            <label htmlFor="cq-server">Servidor (instancia)</label>
            <input
              id="cq-server"
              value={form.server}
              placeholder="Por ejemplo SERVIDOR\COMPAC"
              onChange={(e) => edit({ server: e.target.value })}
            />
            <label htmlFor="cq-database">Base de datos</label>
            <div className="field-with-button">
              <input id="cq-database" value={form.database} onChange={(e) => edit({ database: e.target.value })} />
              <button type="button" disabled={busy} onClick={() => run('discover')}>
                Buscar bases de datos
              </button>
            </div>
            {databases.length > 0 && (
              <>
                <label htmlFor="cq-found">Bases encontradas</label>
                <select id="cq-found" value={form.database} onChange={(e) => edit({ database: e.target.value })}>
                  <option value="">(Seleccione)</option>
                  {databases.map((d) => (
                    <option key={d} value={d}>
                      {d}
                    </option>
                  ))}
                </select>
              </>
            )}
            <label htmlFor="cq-auth">Autenticación</label>
            <select
              id="cq-auth"
              value={form.authentication}
              onChange={(e) => edit({ authentication: e.target.value as 'sql' | 'windows' })}
            >
              <option value="sql">SQL Server</option>
              <option value="windows">Windows</option>
            </select>
            <label htmlFor="cq-user">Usuario</label>
            <input
              id="cq-user"
              value={form.contpaqiUser}
              placeholder={form.authentication === 'windows' ? 'DOMINIO\\usuario' : 'sa'}
              onChange={(e) => edit({ contpaqiUser: e.target.value })}
            />
            <span />
            <label className="check">
              <input
                id="cq-encrypt"
                type="checkbox"
                checked={form.encrypt}
                onChange={(e) => edit({ encrypt: e.target.checked })}
              />
              Cifrar conexión
            </label>
            <span />
            <label className="check" title="Solo si el servidor usa un certificado propio (autofirmado) en su red">
              <input
                id="cq-trust"
                type="checkbox"
                checked={form.trustServerCertificate}
                disabled={!form.encrypt}
                onChange={(e) => edit({ trustServerCertificate: e.target.checked })}
              />
              Confiar en el certificado del servidor (autofirmado)
            </label>
            <label htmlFor="cq-cfdi-folders">Carpetas de red de los XML (CFDI)</label>
            <div className="field-with-hint">
              <textarea
                id="cq-cfdi-folders"
                rows={2}
                value={form.cfdiFolders}
                placeholder={'\\\\SERVIDOR\\Empresas'}
                onChange={(e) => edit({ cfdiFolders: e.target.value })}
              />
              <span className="hint">
                Una por línea. Los XML en este equipo se leen siempre; en la red, solo dentro de estas carpetas.
              </span>
            </div>
          </>
        )}

        <label htmlFor="erp-password">Contraseña</label>
        <input
          id="erp-password"
          type="password"
          autoComplete="new-password"
          value={form.password}
          placeholder={passwordPlaceholder}
          onChange={(e) => edit({ password: e.target.value })}
        />
      </form>
      <TestResultBox result={result} />
    </Modal>
  );
}
