import { readNativeSchema } from '../documents/native-schema';
import { summarize, type DiagnosticReport, type DiagnosticSection } from '../../../../shared/erp-diagnostics';
import { ErpError } from '../../port';
import type { FailureContext } from '../sql-failure-messages';
import type { SqlExecutor } from '../sql-executor';
import { catalogSections } from './catalog-sections';
import { missing, type DoctorContext } from './checks';
import { connectionSection, editionName, productName } from './connection-section';
import { SERVER_AND_LOGIN, type ServerRow } from './doctor-queries';
import { ReadOnlyRunner } from './read-only-runner';
import { SchemaProbe } from './schema-probe';
import { seriesSection } from './series-section';
import { stampingSection, type StamperSetup } from './stamping-section';
import { writeSections } from './write-sections';

export interface StartProDoctorInput {
  /** An executor of its own; the diagnosis closes it. */
  executor: SqlExecutor;
  context: FailureContext;
  companyId: string | null;
  stamper: StamperSetup | null;
  describe: (err: unknown) => Error;
  now: Date;
  /** How the connection is protected, as the user chose it in the connection editor. */
  transport: { encrypt: boolean; trustServerCertificate: boolean };
}

/**
 * *Diagnóstico* of one Start/Pro database (docs/contpaqi-startpro.md, «Diagnóstico»): SELECTs only, through
 * ReadOnlyRunner, no transaction, no folio reserved. A connection that cannot be opened still gives a report, with
 * the reason; a failure after that (the connection lost) is thrown as the adapter's Spanish error.
 */
export async function diagnoseStartPro(input: StartProDoctorInput): Promise<DiagnosticReport> {
  const db = new ReadOnlyRunner(input.executor);
  const at = input.now.toISOString();
  try {
    let server: ServerRow | undefined;
    try {
      [server] = await db.query<ServerRow>(SERVER_AND_LOGIN);
    } catch (err) {
      const e = input.describe(err);
      const hints = e instanceof ErpError && e.hints.length ? ` ${e.hints.join(' ')}` : '';
      const sections: DiagnosticSection[] = [
        { key: 'conexion', title: 'Conexión', checks: [missing('Conexión', `${e.message}${hints}`)] },
      ];
      const { server: host, database } = input.context;
      return {
        erp: 'contpaqi',
        at,
        server: host,
        edition: null,
        database: `${database} en ${host}`,
        companyId: input.companyId,
        companyName: null,
        sections,
        summary: summarize(sections),
      };
    }
    if (!server) throw new ErpError('SQL Server no devolvió los datos del servidor.');
    const facts = await connectionSection(db, server, input.context, input.companyId, input.transport);
    const sections: DiagnosticSection[] = [facts.section];
    if (!facts.stop) {
      const ctx: DoctorContext = {
        db,
        probe: new SchemaProbe(db),
        user: server.userName ?? input.context.user,
        company: facts.company,
        customersPerCompany: facts.customersPerCompany,
        native: await readNativeSchema(db),
        describe: input.describe,
      };
      sections.push(...(await catalogSections(ctx)));
      const writes = await writeSections(ctx);
      sections.push(
        ...writes.sections,
        await stampingSection(ctx, input.stamper),
        await seriesSection(ctx, writes.modules),
      );
    }
    return {
      erp: 'contpaqi',
      at,
      server: serverText(server),
      edition: editionName(server.edition),
      database: `${server.databaseName ?? input.context.database} en ${input.context.server}`,
      companyId: facts.company !== null ? String(facts.company) : input.companyId,
      companyName: facts.companyName,
      sections,
      summary: summarize(sections),
    };
  } catch (err) {
    throw input.describe(err);
  } finally {
    await input.executor.close().catch(() => undefined);
  }
}

/** «Microsoft SQL Server 2019 Express Edition (15.0.4123.1, RTM)». */
function serverText(s: ServerRow): string {
  const edition = s.edition ? ` ${s.edition.replace(/\s*\(64-bit\)\s*$/i, '')}` : '';
  const version = s.productVersion ? ` (${s.productVersion}${s.productLevel ? `, ${s.productLevel}` : ''})` : '';
  return `${productName(s)}${edition}${version}`;
}
