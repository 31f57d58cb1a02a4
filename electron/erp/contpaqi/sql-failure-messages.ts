import { ErpError } from '../port';
import { SqlFailure } from './sql-executor';

export interface FailureContext {
  server: string;
  database: string;
  user: string;
  authentication: 'sql' | 'windows';
}

const TLS_PATTERN =
  /certificate|self[- ]signed|\bssl\b|\btls\b|EPROTO|wrong version number|handshake|ERR_SSL|CERT_|DEPTH_ZERO/i;

/** Turns any failure from the executor into a Spanish ErpError that says what to check. */
export function describeSqlFailure(err: unknown, ctx: FailureContext): ErpError {
  if (err instanceof ErpError) return err;
  if (!(err instanceof SqlFailure)) {
    const text = err instanceof Error ? err.message : String(err);
    return new ErpError('Ocurrió un error inesperado al consultar CONTPAQi Comercial Start/Pro.', [], text);
  }
  const f = err;
  const has = (n: number) => f.serverNumbers.includes(n);
  const cause = f.message;

  if (f.code === 'EINSTLOOKUP') {
    const instance = ctx.server.includes('\\') ? ctx.server.split('\\')[1]?.split(',')[0] : 'COMPAC';
    return new ErpError(
      `No se encontró la instancia de SQL Server «${instance}» en «${hostOf(ctx.server)}».`,
      [
        'En el servidor, abra Servicios y verifique que «SQL Server Browser» esté iniciado (resuelve el nombre de la instancia).',
        'Revise el nombre de la instancia: CONTPAQi la instala normalmente como COMPAC (EQUIPO\\COMPAC).',
        'Permita en el firewall del servidor el puerto UDP 1434 (SQL Server Browser) y el puerto TCP de la instancia.',
        'Alternativa: asigne un puerto fijo a la instancia y escríbalo como EQUIPO,puerto (por ejemplo EQUIPO,1433).',
      ],
      cause,
    );
  }

  if (
    f.code === 'EENCRYPT' ||
    TLS_PATTERN.test(f.message) ||
    (f.causeCode !== undefined && TLS_PATTERN.test(f.causeCode))
  ) {
    return new ErpError(
      'No se pudo establecer la conexión cifrada (TLS) con SQL Server.',
      [
        'Si el servidor exige cifrado, active «Cifrar conexión»; si usa un certificado propio, active «Confiar en el certificado del servidor».',
        'Las versiones antiguas de SQL Server (2008/2012 sin actualizar) solo ofrecen TLS 1.0: instale las actualizaciones de SQL Server o desactive el cifrado.',
        'Si el certificado tiene otro nombre, conéctese con el nombre del equipo que aparece en el certificado.',
      ],
      cause,
    );
  }

  if (f.code === 'ELOGIN' || has(18456) || has(4060)) return loginFailure(f, ctx);

  if (f.code === 'ESOCKET' || f.causeCode === 'ECONNREFUSED' || f.causeCode === 'ENOTFOUND') {
    if (f.causeCode === 'ENOTFOUND' || f.causeCode === 'EAI_AGAIN') {
      return new ErpError(
        `No se encontró el servidor «${hostOf(ctx.server)}» en la red.`,
        [
          'Revise que el nombre del equipo o la IP estén bien escritos.',
          'Pruebe con la dirección IP del servidor en lugar del nombre del equipo.',
          'Verifique que este equipo esté en la misma red (o VPN) que el servidor de CONTPAQi.',
        ],
        cause,
      );
    }
    return new ErpError(
      `No se pudo abrir la conexión con SQL Server en «${ctx.server}».`,
      [
        'Verifique que el servicio «SQL Server (COMPAC)» esté iniciado en el servidor.',
        'En «SQL Server Configuration Manager» habilite el protocolo TCP/IP de la instancia y reinicie el servicio.',
        'Permita en el firewall del servidor el puerto TCP 1433 (o el puerto de la instancia) y UDP 1434.',
      ],
      cause,
    );
  }

  if (f.code === 'ETIMEOUT') {
    // With a named instance tedious asks SQL Server Browser first and retries until the connect timeout, so a
    // stopped Browser or a blocked UDP 1434 usually ends here rather than in EINSTLOOKUP.
    const named = /\\/.test(ctx.server) && !ctx.server.includes(',');
    const browser = [
      'En el servidor, verifique que el servicio «SQL Server Browser» esté iniciado y que el firewall permita UDP 1434.',
      'Revise el nombre de la instancia (CONTPAQi la instala normalmente como COMPAC) o use EQUIPO,puerto.',
    ];
    const network = [
      'Verifique que el servidor esté encendido y accesible desde este equipo (misma red o VPN).',
      'Un firewall puede estar descartando la conexión: permita TCP 1433 (o el puerto de la instancia).',
    ];
    return f.phase === 'connect'
      ? new ErpError(
          `El servidor «${ctx.server}» no respondió a tiempo.`,
          named ? [...browser, ...network] : network,
          cause,
        )
      : new ErpError(
          'La consulta a CONTPAQi tardó demasiado y se canceló.',
          ['El servidor puede estar ocupado (respaldos, cierres): intente de nuevo en unos minutos.'],
          cause,
        );
  }

  // 207 / 208 after the database was recognised: name what this database lacks (a Start edition, an old version).
  const invalid = /Invalid (column|object) name '([^']+)'/i.exec(f.message);
  // Without the tables every Start/Pro database has, this is not one (another database was chosen).
  const core =
    invalid &&
    invalid[1]!.toLowerCase() === 'object' &&
    /^(dbo\.)?(orgBusinessEntity|orgDepot|docDocument|engModule|orgProduct|orgCustomer)$/i.test(invalid[2]!);
  if ((has(207) || has(208)) && invalid && !core) {
    const what = invalid[1]!.toLowerCase() === 'column' ? `la columna ${invalid[2]}` : `la tabla o vista ${invalid[2]}`;
    return new ErpError(
      `Esta base de CONTPAQi Comercial no tiene ${what}.`,
      ['Puede ser una edición o versión distinta de Comercial; envíe el detalle a soporte.'],
      cause,
      invalid[2],
    );
  }
  if (has(208)) return notStartPro(ctx, [], cause);
  // 229/230 name the denied permission: «The INSERT permission was denied on the object 'docDocument' …».
  const denied = /The (\w+) permission was denied on the object '([^']+)'/i.exec(cause ?? '');
  if ((has(229) || has(230)) && denied && denied[1]!.toUpperCase() !== 'SELECT') {
    const permission = denied[1]!.toUpperCase();
    return new ErpError(
      `El usuario «${ctx.user}» no tiene permiso ${permission} en la tabla «${denied[2]}» de la base de datos «${ctx.database}».`,
      [
        `Pida al administrador de SQL Server GRANT ${permission} ON dbo.${denied[2]} TO [${ctx.user}] (o el rol db_datawriter), o use el usuario que utiliza CONTPAQi. El Diagnóstico de la conexión lista todos los permisos que faltan.`,
      ],
      cause,
    );
  }
  if (has(229) || has(230) || has(297) || has(916)) {
    return new ErpError(
      `El usuario «${ctx.user}» no tiene permiso para leer la base de datos «${ctx.database}».`,
      ['Asigne al usuario el rol db_datareader en esa base de datos (o use el usuario que utiliza CONTPAQi).'],
      cause,
    );
  }

  return new ErpError(
    'SQL Server devolvió un error al consultar CONTPAQi Comercial Start/Pro.',
    ['Revise el detalle técnico y, si se repite, compártalo con soporte.'],
    cause,
  );
}

function loginFailure(f: SqlFailure, ctx: FailureContext): ErpError {
  const has = (n: number) => f.serverNumbers.includes(n);
  if (has(4060) || /cannot open database/i.test(f.message)) {
    return new ErpError(
      `La base de datos «${ctx.database}» no existe en el servidor o el usuario no tiene acceso a ella.`,
      [
        'Revise el nombre de la base de datos de la empresa (por ejemplo ComercialSP); use «Buscar bases de datos» para ver las que hay.',
        `Verifique que el usuario «${ctx.user}» tenga acceso a esa base de datos.`,
      ],
      f.message,
    );
  }
  if (has(18452) || /untrusted domain/i.test(f.message)) {
    return new ErpError(
      'SQL Server no acepta el usuario de Windows desde este equipo.',
      [
        'El equipo debe pertenecer al mismo dominio que el servidor (o a uno de confianza).',
        'Alternativa: use autenticación de SQL Server (por ejemplo el usuario sa que configura CONTPAQi).',
      ],
      f.message,
    );
  }
  if (has(18470)) {
    return new ErpError(
      `El usuario «${ctx.user}» está deshabilitado en SQL Server.`,
      ['Habilite el inicio de sesión en SQL Server Management Studio (Seguridad > Inicios de sesión).'],
      f.message,
    );
  }
  if (has(18487) || has(18488)) {
    return new ErpError(
      `La contraseña del usuario «${ctx.user}» expiró o debe cambiarse.`,
      ['Cambie la contraseña en SQL Server Management Studio y actualícela aquí.'],
      f.message,
    );
  }
  const hints =
    ctx.authentication === 'windows'
      ? [
          'Revise el usuario (DOMINIO\\usuario) y la contraseña de Windows.',
          'El usuario de Windows debe tener un inicio de sesión en SQL Server.',
        ]
      : [
          'Revise el usuario y la contraseña de SQL Server (CONTPAQi suele usar el usuario sa).',
          'El servidor debe permitir «Autenticación de SQL Server y Windows» (modo mixto).',
        ];
  return new ErpError(`SQL Server rechazó el inicio de sesión de «${ctx.user}».`, hints, f.message);
}

/** The database exists and answers but lacks the Start/Pro tables. */
export function notStartPro(
  ctx: FailureContext,
  missing: readonly string[],
  cause?: string,
  looksPremium = false,
): ErpError {
  const detail = missing.length ? ` Faltan las tablas ${missing.join(', ')}.` : '';
  const hints = [
    'Elija la base de datos de CONTPAQi Comercial Start/Pro (por ejemplo ComercialSP); use «Buscar bases de datos» para ver las candidatas.',
  ];
  if (looksPremium) {
    hints.unshift('Parece una base de CONTPAQi Comercial Premium: este conector es para Comercial Start/Pro.');
  }
  return new ErpError(
    `La base de datos «${ctx.database}» no parece de CONTPAQi Comercial Start/Pro.${detail}`,
    hints,
    cause,
  );
}

function hostOf(server: string): string {
  return server.split(/[\\,]/)[0]?.trim() || server;
}
