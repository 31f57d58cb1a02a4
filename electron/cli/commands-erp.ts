import type { Command } from 'commander';
import { UnknownCompanyError, type ConsoleService } from '../app/console-service';
import { erpConfigSchema, type ErpConfig } from '../../shared/erp-connection';
import { reportAsText } from '../../shared/erp-diagnostics';
import { CliError, EXIT, parseId, parseOnOff, passwordFromEnv, type CliIo } from './cli-io';
import { UserFacingError } from '../core/user-facing-error';

interface ErpAddOptions {
  kind: string;
  name?: string;
  host?: string;
  port?: string;
  folder?: string;
  server?: string;
  database?: string;
  auth?: string;
  user?: string;
  passwordEnv?: string;
  encrypt?: boolean;
  trustServerCertificate?: boolean;
  legacyAuth?: boolean;
  cfdiFolder?: string[];
}

interface ErpSetOptions extends Omit<ErpAddOptions, 'kind' | 'encrypt' | 'trustServerCertificate' | 'legacyAuth'> {
  connection: string;
  legacyAuth?: string;
  encrypt?: string;
  trustServerCertificate?: string;
}

/** The saved configuration with only the given options changed, validated like `erp add`. */
function mergedConfig(current: ErpConfig, o: ErpSetOptions): ErpConfig {
  const raw =
    current.kind === 'microsip'
      ? {
          ...current,
          ...(o.host !== undefined ? { host: o.host } : {}),
          ...(o.port !== undefined ? { port: Number(o.port) } : {}),
          ...(o.folder !== undefined ? { folder: o.folder } : {}),
          ...(o.user !== undefined ? { user: o.user } : {}),
          ...(o.legacyAuth !== undefined ? { allowLegacyAuth: parseOnOff(o.legacyAuth, '--legacy-auth') } : {}),
        }
      : {
          ...current,
          ...(o.server !== undefined ? { server: o.server } : {}),
          ...(o.database !== undefined ? { database: o.database } : {}),
          ...(o.auth !== undefined ? { authentication: o.auth } : {}),
          ...(o.user !== undefined ? { user: o.user } : {}),
          ...(o.encrypt !== undefined ? { encrypt: parseOnOff(o.encrypt, '--encrypt') } : {}),
          ...(o.trustServerCertificate !== undefined
            ? { trustServerCertificate: parseOnOff(o.trustServerCertificate, '--trust-server-certificate') }
            : {}),
          ...(o.cfdiFolder ? { cfdiFolders: o.cfdiFolder.filter((f) => f.trim() !== '') } : {}),
        };
  const parsed = erpConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const wrong = parsed.error.issues.map((i) => `--${String(i.path[0])}`).join(', ');
    throw new CliError(`Datos no válidos para la conexión: ${wrong}.`);
  }
  return parsed.data;
}

function configFrom(o: ErpAddOptions): ErpConfig {
  const raw =
    o.kind === 'microsip'
      ? {
          kind: 'microsip',
          host: o.host,
          port: o.port === undefined ? 3050 : Number(o.port),
          folder: o.folder,
          user: o.user ?? 'SYSDBA',
          ...(o.legacyAuth ? { allowLegacyAuth: true } : {}),
        }
      : o.kind === 'contpaqi'
        ? {
            kind: 'contpaqi',
            server: o.server,
            database: o.database,
            authentication: o.auth ?? 'sql',
            user: o.user,
            encrypt: o.encrypt ?? true,
            trustServerCertificate: o.trustServerCertificate ?? false,
            ...(o.cfdiFolder ? { cfdiFolders: o.cfdiFolder } : {}),
          }
        : null;
  if (!raw) throw new CliError(`--kind debe ser microsip o contpaqi (se recibió «${o.kind}»).`);
  const parsed = erpConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const missing = parsed.error.issues.map((i) => `--${String(i.path[0])}`).join(', ');
    throw new CliError(`Faltan datos o no son válidos para la conexión ${o.kind}: ${missing}.`);
  }
  return parsed.data;
}

export function registerErpCommands(program: Command, io: CliIo, service: () => ConsoleService): void {
  const erp = program.command('erp').description('Conexiones al ERP (Microsip o CONTPAQi Comercial Start/Pro)');

  erp
    .command('add')
    .description('Agrega una conexión e imprime su número')
    .requiredOption('--kind <kind>', 'microsip | contpaqi')
    .option('--name <name>', 'nombre descriptivo')
    .option('--host <host>', 'Microsip: servidor Firebird')
    .option('--port <port>', 'Microsip: puerto de Firebird (3050)')
    .option('--folder <dir>', 'Microsip: carpeta de datos, p. ej. "C:\\Microsip datos\\"')
    .option('--server <server>', 'CONTPAQi: servidor SQL, p. ej. SERVIDOR\\COMPAC')
    .option('--database <db>', 'CONTPAQi: base de datos')
    .option('--auth <auth>', 'CONTPAQi: sql | windows', 'sql')
    .option('--user <user>', 'usuario')
    .option('--password-env <var>', 'variable de entorno con la contraseña')
    .option('--no-encrypt', 'CONTPAQi: conexión sin cifrar (la contraseña de SQL viaja en claro)')
    .option(
      '--trust-server-certificate',
      'CONTPAQi: confiar en el certificado del servidor sin verificarlo (autofirmado)',
    )
    .option('--cfdi-folder <dir...>', 'CONTPAQi: carpeta de red de los XML timbrados (\\\\SERVIDOR\\carpeta)')
    .option(
      '--legacy-auth',
      'Microsip: permitir la autenticación antigua (Legacy_Auth) de un Firebird viejo, sin cifrado',
    )
    .action(async (o: ErpAddOptions) => {
      const config = configFrom(o);
      const { id } = await service().saveConnection({
        name: o.name,
        config,
        newPassword: passwordFromEnv(io, o.passwordEnv),
      });
      io.out(`${id}\n`);
    });

  erp
    .command('set')
    .description('Modifica una conexión: solo cambia lo indicado (otro servidor o base de datos pide la contraseña)')
    .requiredOption('--connection <id>', 'número de conexión')
    .option('--name <name>', 'nombre descriptivo')
    .option('--host <host>', 'Microsip: servidor Firebird')
    .option('--port <port>', 'Microsip: puerto de Firebird')
    .option('--folder <dir>', 'Microsip: carpeta de datos')
    .option('--server <server>', 'CONTPAQi: servidor SQL')
    .option('--database <db>', 'CONTPAQi: base de datos')
    .option('--auth <auth>', 'CONTPAQi: sql | windows')
    .option('--user <user>', 'usuario')
    .option('--password-env <var>', 'variable de entorno con la contraseña nueva')
    .option('--encrypt <on|off>', 'CONTPAQi: cifrar la conexión')
    .option('--trust-server-certificate <on|off>', 'CONTPAQi: confiar en el certificado del servidor (autofirmado)')
    .option('--legacy-auth <on|off>', 'Microsip: permitir la autenticación antigua (Legacy_Auth)')
    .option('--cfdi-folder <dir...>', 'CONTPAQi: carpetas de red de los XML («""» las quita todas)')
    .action(async (o: ErpSetOptions) => {
      const id = parseId(o.connection, '--connection');
      const current = service()
        .listConnections()
        .find((c) => c.id === id);
      if (!current) throw new CliError(`No existe la conexión ${id}.`);
      const config = mergedConfig(current.config, o);
      // Validated first, then saved as a whole; another destination without --password-env is refused there.
      const newPassword = passwordFromEnv(io, o.passwordEnv);
      try {
        await service().saveConnection({ id, name: o.name, config, newPassword });
      } catch (err) {
        if (err instanceof UserFacingError) throw new CliError(err.message);
        throw err;
      }
      io.out(`Conexión ${id} modificada.\n`);
    });

  erp
    .command('list')
    .description('Lista las conexiones')
    .option('--json', 'salida JSON')
    .action((o: { json?: boolean }) => {
      const list = service().listConnections();
      if (o.json) io.out(`${JSON.stringify(list, null, 2)}\n`);
      else
        for (const c of list)
          io.out(`${c.id}\t${c.config.kind}\t${c.name}\t${c.hasPassword ? 'con contraseña' : 'sin contraseña'}\n`);
    });

  erp
    .command('test')
    .description('Prueba la conexión al ERP')
    .requiredOption('--connection <id>', 'número de conexión')
    .option('--json', 'salida JSON')
    .action(async (o: { connection: string; json?: boolean }) => {
      const id = parseId(o.connection, '--connection');
      const conn = service()
        .listConnections()
        .find((c) => c.id === id);
      if (!conn) throw new CliError(`No existe la conexión ${id}.`);
      const result = await service().testErpConnection({ id, config: conn.config });
      if (o.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
      else io.out(`${result.message}\n${result.hints.map((h) => `  - ${h}\n`).join('')}`);
      if (!result.ok) throw new CliError('', EXIT.failure);
    });

  erp
    .command('doctor')
    .description('Diagnóstico de solo lectura: lo que Wopen Sync necesita en la base de datos del ERP')
    .requiredOption('--connection <id>', 'número de conexión')
    .option('--company <id>', 'empresa a revisar (la de `companies`)')
    .option('--json', 'el informe como un objeto JSON')
    .action(async (o: { connection: string; company?: string; json?: boolean }) => {
      const id = parseId(o.connection, '--connection');
      if (
        !service()
          .listConnections()
          .some((c) => c.id === id)
      )
        throw new CliError(`No existe la conexión ${id}.`);
      const company = o.company?.trim();
      if (o.company !== undefined && !company) throw new CliError('--company no puede ir vacío.');
      const report = await service()
        .diagnoseErp(id, company ?? null)
        .catch((err: unknown) => {
          throw err instanceof UnknownCompanyError ? new CliError(err.message) : err;
        });
      io.out(o.json ? `${JSON.stringify(report, null, 2)}\n` : reportAsText(report));
      // Exit 1 when something the adapter needs is missing: scripts and support see it without parsing.
      if (report.summary.falta > 0) throw new CliError('', EXIT.failure);
    });
}
