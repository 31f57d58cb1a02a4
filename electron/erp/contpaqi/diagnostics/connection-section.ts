import type { DiagnosticCheck, DiagnosticSection } from '../../../../shared/erp-diagnostics';
import { truthy } from '../../record-values';
import { CUSTOMER_COMPANY_PROBE } from '../catalogs/customer-filter';
import { COMPANY_DEPOTS } from '../documents/document-queries';
import { notStartPro, type FailureContext } from '../sql-failure-messages';
import { LIST_COMPANIES, PROBE_DATABASE, REQUIRED_TABLES, type CompanyRow, type ProbeRow } from '../startpro-queries';
import type { SqlQueryRunner } from '../sql-executor';
import { missing, ok, warn } from './checks';
import type { ServerRow } from './doctor-queries';

export interface ConnectionFacts {
  section: DiagnosticSection;
  /** Not a Start/Pro database: the other sections would only repeat it. */
  stop: boolean;
  company: number | null;
  companyName: string | null;
  customersPerCompany: boolean;
}

/**
 * 'conexion': the server and the login (from SERVER_AND_LOGIN, already read), the Start/Pro marker tables by the
 * connection test's own probe, the company, its depots (every writer needs one) and the one uncertain column the
 * adapter probes when it opens (orgCustomer.OwnedBusinessEntityID).
 */
export async function connectionSection(
  db: SqlQueryRunner,
  server: ServerRow,
  ctx: FailureContext,
  companyId: string | null,
  transport: { encrypt: boolean; trustServerCertificate: boolean },
): Promise<ConnectionFacts> {
  const checks: DiagnosticCheck[] = [
    serverCheck(server),
    ok('Base de datos', `Conectado a «${server.databaseName ?? ctx.database}».`),
    loginCheck(server),
    transportCheck(transport),
  ];
  const facts: ConnectionFacts = {
    section: { key: 'conexion', title: 'Conexión', checks },
    stop: false,
    company: null,
    companyName: null,
    customersPerCompany: true,
  };

  const [probe] = await db.query<ProbeRow>(PROBE_DATABASE);
  const lacking = REQUIRED_TABLES.filter((t) => !probe || Number(probe[t]) !== 1);
  if (lacking.length) {
    const e = notStartPro(ctx, lacking, undefined, Number(probe?.premiumAdmDocumentos) === 1);
    checks.push(missing('Tablas de Start/Pro', `${e.message} ${e.hints.join(' ')}`));
    facts.stop = true;
    return facts;
  }
  checks.push(
    ok(
      'Tablas de Start/Pro',
      `La base tiene las tablas de CONTPAQi Comercial Start/Pro (${REQUIRED_TABLES.map((t) => `dbo.${t}`).join(', ')}).`,
    ),
  );

  const companies = await db.query<CompanyRow>(LIST_COMPANIES);
  const name = (r: CompanyRow) => r.officialName?.trim() || r.commercialName?.trim() || `Empresa ${String(r.id)}`;
  if (companyId !== null) {
    const row = companies.find((r) => String(r.id) === companyId.trim());
    if (row) {
      facts.company = Number(row.id);
      facts.companyName = name(row);
      checks.push(ok('Empresa', `«${facts.companyName}» (${String(row.id)}) es una empresa vigente de esta base.`));
    } else {
      checks.push(
        missing(
          'Empresa',
          `La empresa «${companyId}» no existe en «${ctx.database}» o fue dada de baja: vuelva a elegirla de la lista.`,
        ),
      );
    }
  } else if (companies.length === 1) {
    const row = companies[0]!;
    facts.company = Number(row.id);
    facts.companyName = name(row);
    checks.push(ok('Empresa', `Se revisa la única empresa de la base, «${facts.companyName}» (${String(row.id)}).`));
  } else {
    checks.push(
      companies.length
        ? warn(
            'Empresa',
            `La base tiene ${companies.length} empresas y no se eligió ninguna: elija una para revisar sus almacenes y series.`,
          )
        : missing(
            'Empresa',
            'La base no tiene empresas vigentes (orgBusinessEntity.IsOwned = 1): confirme en Comercial que la empresa está dada de alta.',
          ),
    );
  }

  if (facts.company !== null) {
    const depots = await db.query<{ id: unknown }>(COMPANY_DEPOTS, { company: facts.company });
    checks.push(
      depots.length
        ? ok(
            'Almacenes de la empresa',
            `Tiene ${depots.length} ${depots.length === 1 ? 'almacén vigente' : 'almacenes vigentes'}.`,
          )
        : missing(
            'Almacenes de la empresa',
            'La empresa no tiene almacenes vigentes, así que no se pueden registrar pedidos ni facturas: dé de alta un almacén en Comercial.',
          ),
    );
  }

  const [column] = await db.query<{ n: unknown }>(CUSTOMER_COMPANY_PROBE);
  facts.customersPerCompany = column?.n !== null && column?.n !== undefined;
  const subject = 'Columna dbo.orgCustomer.OwnedBusinessEntityID';
  checks.push(
    facts.customersPerCompany
      ? ok(subject, 'Existe: cada cliente se toma de su empresa.')
      : warn(
          subject,
          'No existe en esta base: el conector funciona y toma como clientes de la empresa a todos los clientes vigentes de la base; confirme en Comercial que los clientes no se separan por empresa.',
        ),
  );
  return facts;
}

/** The editor's «Cifrar conexión» / «Confiar en el certificado del servidor», as the connection used them. */
export function transportCheck(t: { encrypt: boolean; trustServerCertificate: boolean }): DiagnosticCheck {
  if (!t.encrypt)
    return warn(
      'Cifrado',
      'La conexión no va cifrada: la contraseña de SQL Server y los datos viajan en claro por la red. Active «Cifrar conexión».',
    );
  if (t.trustServerCertificate)
    return warn(
      'Cifrado',
      'La conexión va cifrada (TLS), pero se acepta el certificado del servidor sin verificarlo («Confiar en el certificado del servidor»). Úselo solo con el servidor de su red que tiene un certificado propio.',
    );
  return ok('Cifrado', 'La conexión va cifrada (TLS) y el certificado del servidor se verificó.');
}

function serverCheck(s: ServerRow): DiagnosticCheck {
  const edition = s.edition ? ` ${s.edition}` : '';
  const version = s.productVersion
    ? `, versión ${s.productVersion}${s.productLevel ? ` (${s.productLevel})` : ''}`
    : '';
  return ok('Servidor SQL Server', `${productName(s)}${edition}${version}.`);
}

function loginCheck(s: ServerRow): DiagnosticCheck {
  const roles = [
    truthy(s.isSysadmin) && 'sysadmin',
    truthy(s.isDbOwner) && 'db_owner',
    truthy(s.isDataReader) && 'db_datareader',
    truthy(s.isDataWriter) && 'db_datawriter',
  ].filter((r): r is string => typeof r === 'string');
  const roleText = roles.length
    ? `roles: ${roles.join(', ')}`
    : 'sin roles fijos; los permisos se revisan tabla por tabla';
  return ok(
    'Usuario',
    `Inicio de sesión «${s.loginName ?? '?'}», usuario de la base «${s.userName ?? '?'}» (${roleText}).`,
  );
}

/** «Microsoft SQL Server 2019» from the first line of @@VERSION («Microsoft SQL Server 2019 (RTM-CU18) … - 15.0…»). */
export function productName(s: ServerRow): string {
  const first = (s.versionText ?? '').split(/\r?\n/)[0]?.trim() ?? '';
  const name = first.split(/\s+[(-]/)[0]?.trim();
  return name || 'Microsoft SQL Server';
}

/** «Express» from «Express Edition (64-bit)»; null when unknown. */
export function editionName(edition: string | null): string | null {
  const e = edition?.replace(/\s*\(64-bit\)\s*$/i, '').trim();
  if (!e) return null;
  return e.split(/\s+Edition\b/i)[0]?.trim() || e;
}
