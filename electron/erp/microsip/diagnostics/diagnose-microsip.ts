import { summarize, type DiagnosticReport, type DiagnosticSection } from '../../../../shared/erp-diagnostics';
import { ErpError } from '../../port';
import { MICROSIP_CATALOGS } from '../catalogs';
import { withCompanyDatabase, withConfigDatabase, type MicrosipAccess } from '../company-database';
import { companyDatabasePath } from '../data-folder-paths';
import type { FirebirdQueryable } from '../firebird-client';
import { readOrderSchema, readSeries } from '../orders/load-order-facts';
import { readBranches, readCompanies } from '../microsip-reads';
import { catalogSections } from './catalog-sections';
import { missing, ok, warn } from '../../../../shared/erp-diagnostics';
import { PrivilegeReader } from './privileges';
import { seriesSection } from './series-section';
import { transportCheck } from './transport-check';
import { WRITE_KINDS, writeSection } from './write-sections';

/**
 * *Diagnóstico* of a Microsip company: only SELECTs on system and data tables (no generator moved, no folio
 * reserved, nothing written), so it runs as a read-only Firebird user too.
 */
export async function diagnoseMicrosip(
  access: MicrosipAccess,
  companyId: string | null,
  now = new Date(),
): Promise<DiagnosticReport> {
  const at = now.toISOString();
  const folder = access.config.folder;
  const report = (
    server: string,
    database: string,
    companyName: string | null,
    sections: DiagnosticSection[],
  ): DiagnosticReport => ({
    erp: 'microsip',
    at,
    server,
    edition: null,
    database,
    companyId,
    companyName,
    sections,
    summary: summarize(sections),
  });
  const failed = (err: unknown) => {
    const e = err instanceof ErpError ? err : new ErpError('No se pudo leer Microsip.', [], String(err));
    return missing('Conexión', `${e.message}${e.hints.length ? ` ${e.hints.join(' ')}` : ''}`);
  };
  let server = `Firebird en ${access.config.host}:${access.config.port}`;
  let companies: { id: string; name: string }[];
  let transport: Awaited<ReturnType<typeof transportCheck>>;
  try {
    const facts = await withConfigDatabase(access, async (db) => ({
      version: await engineVersion(db),
      companies: await readCompanies(db),
      transport: await transportCheck(db),
    }));
    server = facts.version;
    companies = facts.companies;
    transport = facts.transport;
  } catch (err) {
    return report(server, folder, null, [{ key: 'conexion', title: 'Conexión', checks: [failed(err)] }]);
  }
  const connection: DiagnosticSection = {
    key: 'conexion',
    title: 'Conexión',
    checks: [
      ok(
        'Servidor Firebird',
        `Se conectó a ${access.config.host}:${access.config.port} como ${access.config.user}; CONFIG.FDB tiene ${companies.length} empresas.`,
      ),
      ...(transport ? [transport] : []),
    ],
  };
  const company = companies.find((c) => c.id === companyId) ?? null;
  if (companyId === null || !company) {
    connection.checks.push(
      companyId === null
        ? warn('Empresa', 'No se eligió empresa: elija una para revisar sus catálogos, pedidos y series.')
        : missing('Empresa', `La empresa ${companyId} no está en CONFIG.FDB: actualice la lista de empresas.`),
    );
    return report(server, folder, null, [connection]);
  }
  try {
    return await withCompanyDatabase(access, company.id, async (db, row) => {
      const rights = await PrivilegeReader.read(db);
      connection.checks.push(ok('Base de datos de la empresa', `Se abrió ${row.shortName}.FDB como ${rights.user}.`));
      const tables = await userTables(db);
      const sections: DiagnosticSection[] = [
        connection,
        ...(await catalogSections(db, MICROSIP_CATALOGS, tables, rights)),
      ];
      try {
        const schema = await readOrderSchema(db);
        for (const kind of WRITE_KINDS) sections.push(await writeSection(db, schema, kind, rights));
        const branches = schema.branches ? await readBranches(db) : [];
        sections.push(seriesSection(await readSeries(db, schema), branches, schema.branches));
      } catch (err) {
        for (const kind of WRITE_KINDS) sections.push({ key: kind.key, title: kind.title, checks: [failed(err)] });
      }
      sections.push(
        {
          key: 'write:invoices',
          title: 'Facturas (escritura)',
          checks: [
            ok(
              'Facturas',
              'Con Microsip el conector no crea facturas: publica en la tienda las que ya se timbraron en Microsip (Ventas y Punto de Venta).',
            ),
          ],
        },
        {
          key: 'write:stamping',
          title: 'Timbrado',
          checks: [ok('Timbrado', 'Con Microsip el timbrado se hace en Microsip; el conector no timbra.')],
        },
      );
      return report(server, companyDatabasePath(folder, row.shortName), company.name, sections);
    });
  } catch (err) {
    connection.checks.push(failed(err));
    return report(server, folder, company.name, [connection]);
  }
}

async function engineVersion(db: FirebirdQueryable): Promise<string> {
  const [row] = await db.query<{ V: unknown }>(
    "SELECT rdb$get_context('SYSTEM', 'ENGINE_VERSION') AS V FROM RDB$DATABASE",
  );
  return `Firebird ${String(row?.V ?? '').trim() || '(versión desconocida)'}`;
}

async function userTables(db: FirebirdQueryable): Promise<Set<string>> {
  const rows = await db.query<{ N: string }>(
    'SELECT RDB$RELATION_NAME AS N FROM RDB$RELATIONS WHERE COALESCE(RDB$SYSTEM_FLAG, 0) = 0',
  );
  return new Set(rows.map((r) => String(r.N).trim()));
}
