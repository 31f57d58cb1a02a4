/**
 * The Node side of the WopenTimbrado.exe protocol, against a real child process: tests/helpers/stamper-double.mjs
 * speaks the protocol as docs/stamping-helper.md defines it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  openHelperStamper,
  stamperCommandFromEnv,
  type HelperProcessStamper,
  type HelperStamperOptions,
} from '../../electron/erp/contpaqi/stamping/helper-process-stamper';
import { readCfdi } from '../../electron/erp/cfdi/read-cfdi';
import { StampFailed } from '../../electron/erp/stamper';
import { tempDir } from '../helpers/temp-dir';

const DOUBLE = path.join(__dirname, '../helpers/stamper-double.mjs');
const SAMPLE = path.join(__dirname, '../fixtures/cfdi/cfdi40-timbrado.xml');
const PAC_MESSAGE =
  'El campo Nombre del receptor, debe encontrarse en la lista de RFC inscritos no cancelados en el SAT.';

type Outcome =
  | { outcome: 'stamp'; delivery?: 'inline' | 'path'; pdf?: boolean; pdfMissing?: boolean }
  | { outcome: 'already' | 'crash' | 'hang' | 'mismatch' | 'garbage' | 'unstamped-xml' }
  | { outcome: 'error'; kind: string; code?: string | null; message: string };

interface Script {
  protocol?: number;
  protocolMode?: 'ok' | 'refuse' | 'answer-other';
  stderrNoise?: boolean;
  openError?: { kind: string; code?: string | null; message: string };
  documents?: Record<string, Outcome>;
}

interface LogLine {
  pid: number;
  method: string;
  params?: Record<string, unknown>;
  argv: string[];
  envKeys: string[];
}

const DOCUMENTS: Record<string, Outcome> = {
  '101': { outcome: 'stamp' },
  '102': { outcome: 'stamp', delivery: 'path', pdf: true },
  '103': { outcome: 'stamp', delivery: 'path' },
  '201': { outcome: 'error', kind: 'pac', code: 'CFDI40145', message: PAC_MESSAGE },
  '202': { outcome: 'error', kind: 'validation', code: null, message: 'El documento está cancelado.' },
  '203': { outcome: 'error', kind: 'helper', code: 'com', message: 'CFDI3.clsMain no está registrado.' },
  '300': { outcome: 'crash' },
  '400': { outcome: 'hang' },
  '500': { outcome: 'mismatch' },
  '501': { outcome: 'unstamped-xml' },
  '502': { outcome: 'garbage' },
  '600': { outcome: 'already' },
  '700': { outcome: 'stamp', pdfMissing: true },
};

const opened: HelperProcessStamper[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function setup(script: Script = {}, options: Partial<HelperStamperOptions> = {}) {
  const dir = tempDir('wopen-stamper-');
  const scriptPath = path.join(dir, 'script.json');
  fs.writeFileSync(
    scriptPath,
    JSON.stringify({ sampleXml: SAMPLE, outDir: dir, stderrNoise: true, documents: DOCUMENTS, ...script }),
  );
  const diagnostics: string[] = [];
  const open = async (more: Partial<HelperStamperOptions> = {}) => {
    const stamper = await openHelperStamper({
      command: process.execPath,
      args: [DOUBLE, scriptPath],
      connection: { server: 'SERVIDOR\\COMPAC', database: 'adEMPRESA_DEMO', companyId: '1', testMode: true },
      onDiagnostic: (line) => diagnostics.push(line),
      ...options,
      ...more,
    });
    opened.push(stamper);
    return stamper;
  };
  const log = (): LogLine[] => {
    const file = path.join(dir, 'double-log.jsonl');
    if (!fs.existsSync(file)) return [];
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LogLine);
  };
  return { dir, open, log, diagnostics };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('se esperaba un error');
}

describe('HelperProcessStamper against the protocol double', () => {
  it('handshakes, opens the company and stamps: the UUID comes from the XML, which matches the sample', async () => {
    const { open, log } = setup();
    const stamper = await open();
    expect(stamper.helper).toMatchObject({ protocol: 1, comercialVersion: '11.2.1' });

    const stamped = await stamper.stamp('101');
    const cfdi = readCfdi(stamped.xml);
    expect(stamped.uuid).toBe(cfdi.uuid);
    expect(stamped.uuid).not.toBe('9FB6ED1A-5F87-4C9E-A3B7-2C5D1E0F4A21');
    expect(cfdi).toMatchObject({ version: '4.0', folio: '101', total: 2088, moneda: 'MXN' });
    expect(stamped.xml).toContain('MARÍA JOSÉ NUÑEZ ÁVILA &amp; ASOCIADOS');
    expect(stamped.pdf).toBeNull();

    const [hello, openRequest, stamp] = log();
    expect(hello).toMatchObject({ method: 'hello', params: { protocol: 1, minProtocol: 1 } });
    expect(openRequest).toMatchObject({
      method: 'open',
      params: {
        server: 'SERVIDOR\\COMPAC',
        database: 'adEMPRESA_DEMO',
        companyId: '1',
        testMode: true,
        auth: { kind: 'windows' },
      },
    });
    expect(stamp).toMatchObject({ method: 'stamp', params: { documentId: '101' } });
  });

  it('reads the XML and the PDF from the paths the helper gives', async () => {
    const { open } = setup();
    const stamper = await open();
    const stamped = await stamper.stamp('102');
    expect(readCfdi(stamped.xml).uuid).toBe(stamped.uuid);
    expect(stamped.pdf?.toString('latin1')).toContain('%PDF-1.4');
    expect((await stamper.stamp('103')).pdf).toBeNull();
  });

  it('stamps several invoices in a row with one helper process, and close() ends it with bye', async () => {
    const { open, log } = setup();
    const stamper = await open();
    const pid = stamper.pid;
    const uuids = [];
    for (const id of ['101', '102', '103', '101']) uuids.push((await stamper.stamp(id)).uuid);
    expect(new Set(uuids).size).toBe(4);
    // Calls made together are sent one at a time, each answered in turn.
    const together = await Promise.all(['101', '103', '102'].map((id) => stamper.stamp(id)));
    expect(together.map((s) => readCfdi(s.xml).folio)).toEqual(['101', '103', '102']);

    expect(isAlive(pid)).toBe(true);
    await stamper.close();
    expect(isAlive(pid)).toBe(false);
    expect(stamper.exit).toEqual({ code: 0, signal: null });

    const lines = log();
    expect(new Set(lines.map((l) => l.pid))).toEqual(new Set([pid]));
    expect(lines.map((l) => l.method)).toEqual(['hello', 'open', ...Array(7).fill('stamp'), 'bye']);
    await expect(stamper.stamp('101')).rejects.toThrow('El ayudante de timbrado ya se cerró');
    await stamper.close();
  });

  it('a PAC refusal is StampFailed with the SAT code and message, and the next invoice is stamped', async () => {
    const { open } = setup();
    const stamper = await open();
    const error = await rejection(stamper.stamp('201'));
    expect(error).toBeInstanceOf(StampFailed);
    expect(error.message).toBe(PAC_MESSAGE);
    expect((error as StampFailed).code).toBe('CFDI40145');

    const validation = await rejection(stamper.stamp('202'));
    expect(validation).toBeInstanceOf(StampFailed);
    expect(validation).toMatchObject({ message: 'El documento está cancelado.', code: null });

    const unknown = await rejection(stamper.stamp('999'));
    expect(unknown).toBeInstanceOf(StampFailed);
    expect(unknown.message).toBe('El documento 999 no existe.');

    expect((await stamper.stamp('101')).uuid).toMatch(/^[0-9A-F-]{36}$/);
  });

  it('a helper-kind refusal is a plain Error (the stamper cannot stamp), but the process stays usable', async () => {
    const { open } = setup();
    const stamper = await open();
    const error = await rejection(stamper.stamp('203'));
    expect(error).not.toBeInstanceOf(StampFailed);
    expect(error.message).toBe(
      'El ayudante de timbrado no pudo timbrar el documento 203: CFDI3.clsMain no está registrado (com).',
    );
    expect((await stamper.stamp('101')).uuid).toBeTruthy();
  });

  it('a crash mid-request is a plain Error with the exit code and last stderr line; later calls fail fast', async () => {
    const { open } = setup();
    const stamper = await open();
    const pid = stamper.pid;
    const error = await rejection(stamper.stamp('300'));
    expect(error).not.toBeInstanceOf(StampFailed);
    expect(error.message).toMatch(
      /^El ayudante de timbrado terminó inesperadamente con el código 3 mientras atendía el timbrado del documento 300/,
    );
    expect(error.message).toContain('Excepción no controlada en CFDI3.clsMain.Timbrar: acceso denegado');
    expect(isAlive(pid)).toBe(false);

    const started = Date.now();
    const later = await rejection(stamper.stamp('101'));
    expect(Date.now() - started).toBeLessThan(200);
    expect(later).not.toBeInstanceOf(StampFailed);
    expect(later.message).toMatch(
      /^El ayudante de timbrado no está disponible: terminó inesperadamente con el código 3 .*Las facturas sin timbrar quedan pendientes para la próxima sincronización\.$/,
    );
    await expect(stamper.status('101')).rejects.toThrow('no está disponible');
    await stamper.close();
  });

  it('a request that does not answer in time is a plain Error; the helper is killed and later calls fail fast', async () => {
    const { open } = setup({}, { timeoutMs: 400 });
    const stamper = await open();
    const pid = stamper.pid;
    const started = Date.now();
    const error = await rejection(stamper.stamp('400'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(error).not.toBeInstanceOf(StampFailed);
    expect(error.message).toBe(
      'El ayudante de timbrado no respondió en 0.4 s a el timbrado del documento 400. ' +
        `Último mensaje del ayudante: «[double ${pid}] timbrando 400… (no responderá)».`,
    );
    await expect(stamper.stamp('101')).rejects.toThrow(
      /^El ayudante de timbrado no está disponible: no respondió en 0\.4 s/,
    );
    await stamper.close();
    expect(isAlive(pid)).toBe(false);
  });

  it('an abort signal cancels: before sending nothing is sent; in flight the helper is stopped', async () => {
    const { open, log } = setup();
    const stamper = await open();
    const aborted = new AbortController();
    aborted.abort();
    const before = await rejection(stamper.stamp('101', { signal: aborted.signal }));
    expect(before.name).toBe('AbortError');
    expect(log().filter((l) => l.method === 'stamp')).toHaveLength(0);

    const controller = new AbortController();
    const pending = stamper.stamp('400', { signal: controller.signal });
    const queued = stamper.stamp('101');
    setTimeout(() => controller.abort(new Error('Sincronización detenida por el usuario.')), 100);
    await expect(pending).rejects.toThrow('Sincronización detenida por el usuario.');
    await expect(queued).rejects.toThrow(
      'El ayudante de timbrado no está disponible: se canceló el timbrado del documento 400',
    );
    const pid = stamper.pid;
    await stamper.close();
    expect(stamper.exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(isAlive(pid)).toBe(false);
  });

  it('stderr noise is passed to onDiagnostic and never mistaken for a response', async () => {
    const { open, diagnostics } = setup({ stderrNoise: true });
    const stamper = await open();
    await stamper.stamp('101');
    await stamper.close();
    expect(diagnostics.some((l) => l.includes('cargando CFDI3.clsMain'))).toBe(true);
    expect(diagnostics.some((l) => l.includes('recibido stamp'))).toBe(true);
  });

  it('refuses a helper that does not speak protocol 1, and stops it', async () => {
    const refuse = setup({ protocol: 2 });
    const error = await rejection(refuse.open());
    expect(error.message).toBe(
      'El ayudante de timbrado no acepta la versión 1 del protocolo: Este ayudante solo habla la versión 2 del protocolo. ' +
        'Instale la versión de WopenTimbrado.exe que corresponde a esta consola.',
    );
    expect(isAlive(refuse.log()[0]!.pid)).toBe(false);

    const other = setup({ protocol: 2, protocolMode: 'answer-other' });
    const error2 = await rejection(other.open());
    expect(error2.message).toMatch(
      /^El ayudante de timbrado respondió con la versión 2 del protocolo y esta consola habla la 1\./,
    );
    expect(other.log().map((l) => l.method)).toEqual(['hello']);
    expect(isAlive(other.log()[0]!.pid)).toBe(false);
  });

  it('a refused open is a plain Error naming the company, and the helper is stopped', async () => {
    const { open, log } = setup({
      openError: { kind: 'validation', code: 'no-csd', message: 'La empresa no tiene certificado de sello digital.' },
    });
    const error = await rejection(open());
    expect(error.message).toBe(
      'El ayudante de timbrado no pudo abrir la empresa 1 de la base adEMPRESA_DEMO en SERVIDOR\\COMPAC: ' +
        'La empresa no tiene certificado de sello digital (no-csd).',
    );
    expect(isAlive(log()[0]!.pid)).toBe(false);
  });

  it('passes SQL credentials only inside open, and only a minimal environment', async () => {
    process.env.WOPEN_TEST_SECRET = 'no-debe-pasar';
    try {
      const { open, log } = setup();
      const stamper = await open({
        connection: {
          server: 'SERVIDOR\\COMPAC',
          database: 'adEMPRESA_DEMO',
          companyId: '2',
          testMode: false,
          auth: { kind: 'sql', user: 'sa', password: 'S3creta!' },
        },
        env: { WOPEN_TIMBRADO_LOG: 'detallado' },
      });
      await stamper.close();
      const [hello, openRequest] = log();
      expect(openRequest!.params).toMatchObject({ companyId: '2', testMode: false, auth: { kind: 'sql', user: 'sa' } });
      expect(JSON.stringify(hello!.argv)).not.toContain('S3creta');
      expect(hello!.envKeys).toContain('WOPEN_TIMBRADO_LOG');
      expect(hello!.envKeys).not.toContain('WOPEN_TEST_SECRET');
    } finally {
      delete process.env.WOPEN_TEST_SECRET;
    }
  });

  it('a UUID that does not match the XML, or an XML without timbre, is a plain Error (the stamp is not recorded)', async () => {
    const { open } = setup();
    const stamper = await open();
    const mismatch = await rejection(stamper.stamp('500'));
    expect(mismatch).not.toBeInstanceOf(StampFailed);
    expect(mismatch.message).toMatch(
      /^El ayudante de timbrado informó el UUID [0-9A-F-]{36} para el documento 500 pero su XML tiene el UUID [0-9A-F-]{36}\./,
    );
    const unstamped = await rejection(stamper.stamp('501'));
    expect(unstamped).not.toBeInstanceOf(StampFailed);
    expect(unstamped.message).toContain('El CFDI no está timbrado: no tiene el complemento TimbreFiscalDigital.');
    // The helper answered within the protocol: it is still usable.
    expect((await stamper.stamp('101')).uuid).toBeTruthy();
  });

  it('a stdout line that is not JSON breaks the protocol: plain Error, helper stopped', async () => {
    const { open } = setup();
    const stamper = await open();
    const error = await rejection(stamper.stamp('502'));
    expect(error.message).toBe(
      'El ayudante de timbrado rompió el protocolo: el ayudante escribió en su salida algo que no es JSON: «Timbrado exitoso!».',
    );
    await expect(stamper.stamp('101')).rejects.toThrow(
      'El ayudante de timbrado no está disponible: rompió el protocolo',
    );
  });

  it('an invoice Comercial already stamped comes back with the same UUID; status tells it', async () => {
    const { open } = setup();
    const stamper = await open();
    expect(await stamper.status('600')).toEqual({ stamped: false, uuid: null, xmlPath: null });
    const first = await stamper.stamp('600');
    const again = await stamper.stamp('600');
    expect(again.uuid).toBe(first.uuid);
    expect(await stamper.status('600')).toEqual({ stamped: true, uuid: first.uuid, xmlPath: null });
  });

  it('a PDF that cannot be read leaves pdf null and says so in the diagnostics', async () => {
    const { open, diagnostics } = setup({ stderrNoise: false });
    const stamper = await open();
    const stamped = await stamper.stamp('700');
    expect(stamped.pdf).toBeNull();
    expect(diagnostics.join('\n')).toMatch(/No se pudo leer el PDF del documento 700 en «.*no-existe\.pdf»: ENOENT/);
  });

  it('a helper that cannot be started is a plain Error', async () => {
    const { open } = setup();
    const error = await rejection(open({ command: path.join(tempDir(), 'WopenTimbrado.exe'), args: [] }));
    expect(error.message).toMatch(
      /^El ayudante de timbrado no está disponible: no se pudo iniciar «.*WopenTimbrado\.exe»: .*ENOENT/,
    );
  });
});

describe('stamperCommandFromEnv', () => {
  it('reads WOPEN_STAMPER_HELPER as a path or a JSON array', () => {
    expect(stamperCommandFromEnv({})).toBeNull();
    expect(stamperCommandFromEnv({ WOPEN_STAMPER_HELPER: '  ' })).toBeNull();
    expect(
      stamperCommandFromEnv({ WOPEN_STAMPER_HELPER: 'C:\\Program Files\\Wopen Sync Console\\WopenTimbrado.exe' }),
    ).toEqual({ command: 'C:\\Program Files\\Wopen Sync Console\\WopenTimbrado.exe', args: [] });
    expect(stamperCommandFromEnv({ WOPEN_STAMPER_HELPER: '"C:\\Wopen\\WopenTimbrado.exe"' })).toEqual({
      command: 'C:\\Wopen\\WopenTimbrado.exe',
      args: [],
    });
    expect(
      stamperCommandFromEnv({ WOPEN_STAMPER_HELPER: '["C:\\\\Wopen\\\\WopenTimbrado.exe", "--log", "C:\\\\logs"]' }),
    ).toEqual({ command: 'C:\\Wopen\\WopenTimbrado.exe', args: ['--log', 'C:\\logs'] });
  });

  it('refuses a JSON value that is not an array of strings', () => {
    expect(() => stamperCommandFromEnv({ WOPEN_STAMPER_HELPER: '[roto' })).toThrow(
      'WOPEN_STAMPER_HELPER empieza con «[» pero no es un arreglo JSON válido.',
    );
    expect(() => stamperCommandFromEnv({ WOPEN_STAMPER_HELPER: '[]' })).toThrow(/debe ser una ruta o un arreglo JSON/);
    expect(() => stamperCommandFromEnv({ WOPEN_STAMPER_HELPER: '["a", 1]' })).toThrow(/debe ser una ruta/);
  });
});
