/* global process, console */
/**
 * A protocol-level double of WopenTimbrado.exe (docs/stamping-helper.md), in plain Node:
 *
 *   node tests/helpers/stamper-double.mjs <script.json>
 *
 * The script (JSON) says how to behave:
 *   {
 *     "sampleXml": "/abs/cfdi40-timbrado.xml",     // the CFDI 4.0 each stamp copies, with a fresh UUID
 *     "outDir": "/abs/dir",                         // where "path" deliveries, PDFs and the log go
 *     "protocol": 1,                                // the version it speaks (default 1)
 *     "protocolMode": "ok" | "refuse" | "answer-other", // refuse: ok:false to hello; answer-other: result.protocol = "protocol"
 *     "stderrNoise": true,                          // free text on stderr at start and around every request
 *     "openError": { "kind": "validation", "message": "..." },  // refuse `open`
 *     "documents": {
 *       "<id>": { "outcome": "stamp", "delivery": "inline" | "path", "pdf": true },
 *       "<id>": { "outcome": "already" },           // alreadyStamped: true, same UUID on every call
 *       "<id>": { "outcome": "error", "kind": "pac", "code": "CFDI40145", "message": "..." },
 *       "<id>": { "outcome": "crash" },             // half a line on stdout, then exit 3
 *       "<id>": { "outcome": "hang" },              // never answers
 *       "<id>": { "outcome": "mismatch" },          // announces a UUID other than the one in the XML
 *       "<id>": { "outcome": "garbage" },           // a stdout line that is not JSON
 *       "<id>": { "outcome": "unstamped-xml" }      // returns an XML without TimbreFiscalDigital
 *     }
 *   }
 * Unknown ids fail with kind "validation". Every request (password masked) is appended to
 * <outDir>/double-log.jsonl as { pid, method, params, argv, envKeys }.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

const scriptPath = process.argv[2];
if (!scriptPath) {
  console.error('uso: stamper-double.mjs <script.json>');
  process.exit(2);
}
const script = JSON.parse(fs.readFileSync(scriptPath, 'utf8'));
const sample = fs.readFileSync(script.sampleXml, 'utf8');
const speaks = script.protocol ?? 1;
const logFile = path.join(script.outDir, 'double-log.jsonl');
const stamped = new Map();
let opened = false;

const noise = (text) => {
  if (script.stderrNoise) process.stderr.write(`[double ${process.pid}] ${text}\n`);
};
const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
const log = (request) => {
  const params = request.params && typeof request.params === 'object' ? { ...request.params } : request.params;
  if (params?.auth?.password) params.auth = { ...params.auth, password: '***' };
  fs.appendFileSync(
    logFile,
    `${JSON.stringify({ pid: process.pid, method: request.method, params, argv: process.argv.slice(2), envKeys: Object.keys(process.env) })}\n`,
  );
};

function cfdiFor(documentId, uuid) {
  return sample.replace(/UUID="[^"]*"/, `UUID="${uuid}"`).replace(/Folio="[^"]*"/, `Folio="${documentId}"`);
}

function stamp(id, documentId) {
  const plan = script.documents?.[documentId];
  if (!plan) {
    return send({
      id,
      ok: false,
      error: { kind: 'validation', code: null, message: `El documento ${documentId} no existe.` },
    });
  }
  switch (plan.outcome) {
    case 'stamp':
    case 'already':
    case 'mismatch':
    case 'unstamped-xml': {
      const previous = stamped.get(documentId);
      const uuid = previous ?? randomUUID().toUpperCase();
      if (plan.outcome === 'already') stamped.set(documentId, uuid);
      let xml = cfdiFor(documentId, uuid);
      if (plan.outcome === 'unstamped-xml') xml = xml.replace(/\s*<cfdi:Complemento>[\s\S]*<\/cfdi:Complemento>/, '');
      const announced = plan.outcome === 'mismatch' ? randomUUID().toUpperCase() : uuid;
      const result = { uuid: announced, alreadyStamped: plan.outcome === 'already' && previous !== undefined };
      if (plan.delivery === 'path') {
        result.xmlPath = path.join(script.outDir, `${documentId}-${uuid}.xml`);
        fs.writeFileSync(result.xmlPath, xml, 'utf8');
      } else {
        result.xml = xml;
      }
      if (plan.pdf) {
        result.pdfPath = path.join(script.outDir, `${documentId}-${uuid}.pdf`);
        fs.writeFileSync(result.pdfPath, `%PDF-1.4\n% factura ${documentId}\n%%EOF\n`);
      }
      if (plan.pdfMissing) result.pdfPath = path.join(script.outDir, 'no-existe.pdf');
      return send({ id, ok: true, result });
    }
    case 'error':
      return send({ id, ok: false, error: { kind: plan.kind, code: plan.code ?? null, message: plan.message } });
    case 'crash':
      noise('Excepción no controlada en CFDI3.clsMain.Timbrar: acceso denegado');
      process.stdout.write('{"id":', () => process.exit(3));
      return;
    case 'hang':
      noise(`timbrando ${documentId}… (no responderá)`);
      return;
    case 'garbage':
      process.stdout.write('Timbrado exitoso!\n');
      return;
    default:
      throw new Error(`outcome desconocido: ${plan.outcome}`);
  }
}

function handle(request) {
  log(request);
  const { id, method, params = {} } = request;
  noise(`recibido ${method} #${id}`);
  switch (method) {
    case 'hello': {
      const mode = script.protocolMode ?? 'ok';
      if (mode === 'refuse' || (mode === 'ok' && (params.protocol < speaks || params.minProtocol > speaks))) {
        return send({
          id,
          ok: false,
          error: {
            kind: 'helper',
            code: 'unsupported-protocol',
            message: `Este ayudante solo habla la versión ${speaks} del protocolo.`,
          },
        });
      }
      return send({
        id,
        ok: true,
        result: { protocol: speaks, helperVersion: `double-${process.pid}`, comercialVersion: '11.2.1' },
      });
    }
    case 'open':
      if (script.openError) return send({ id, ok: false, error: script.openError });
      opened = true;
      return send({
        id,
        ok: true,
        result: { companyName: 'ESCUELA KEMPER URGATE', rfc: 'EKU9003173C9', documentsPath: script.outDir },
      });
    case 'stamp':
      if (!opened)
        return send({ id, ok: false, error: { kind: 'helper', code: 'not-open', message: 'Falta «open».' } });
      return stamp(id, String(params.documentId));
    case 'status': {
      const uuid = stamped.get(String(params.documentId)) ?? null;
      return send({ id, ok: true, result: { stamped: uuid !== null, uuid, xmlPath: null } });
    }
    case 'bye':
      send({ id, ok: true, result: {} });
      noise('adiós');
      process.exitCode = 0;
      rl.close();
      return;
    default:
      return send({
        id,
        ok: false,
        error: { kind: 'helper', code: 'unknown-method', message: `Método desconocido: ${method}` },
      });
  }
}

noise('WopenTimbrado (doble de pruebas) iniciado; cargando CFDI3.clsMain…');
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', (line) => {
  if (!line.trim()) return;
  let request;
  try {
    request = JSON.parse(line);
  } catch {
    console.error(`línea inválida: ${line}`);
    process.exit(1);
  }
  handle(request);
});
// stdin closed (bye or the console went away): exit, as the real helper must.
rl.on('close', () => {
  noise('stdin cerrado');
  process.exit(process.exitCode ?? 0);
});
