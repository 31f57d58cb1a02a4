import { existsSync } from 'node:fs';
import type { DiagnosticCheck, DiagnosticSection } from '../../../../shared/erp-diagnostics';
import { STAMP_OF_DOCUMENT } from '../invoices/invoice-queries';
import { grantText, ok, warn, missing, type DoctorContext } from './checks';
import { presenceCheck, selectCheck } from './object-checks';
import { tablesRead } from './sql-references';

/** How this machine would start the stamping helper (ContpaqiConnectorOptions.stamper / WOPEN_STAMPER_HELPER). */
export interface StamperSetup {
  command: string;
  args: string[];
  testMode: boolean;
}

/**
 * 'write:stamping': what automatic stamping needs (docs/stamping-helper.md). The helper is not started: it would load
 * Comercial's COM engine and open the company, which is more than a read-only check should do. In the database: the
 * docDocumentCFD columns the connector reads the stamp from, and the UPDATE right Comercial's engine uses to record
 * the stamp under the same login [?: which tables the engine writes is not documented].
 */
export async function stampingSection(ctx: DoctorContext, setup: StamperSetup | null): Promise<DiagnosticSection> {
  const checks: DiagnosticCheck[] = [helperCheck(setup)];
  if (setup?.testMode) {
    checks.push(
      warn(
        'Modo de prueba',
        'Está activo WOPEN_STAMPER_TEST_MODE=1: los CFDI se timbran en el servicio de pruebas del PAC y no tienen valor fiscal; quítelo en producción.',
      ),
    );
  }
  for (const [table, columns] of tablesRead(STAMP_OF_DOCUMENT)) {
    if (table !== 'docDocumentCFD') continue; // docDocument is checked by the invoice path
    const absent = (what: string) =>
      `Falta ${what}, donde Comercial guarda el timbre, así que el conector no sabrá qué facturas quedaron timbradas: envíe este informe a soporte.`;
    const { check, present } = await presenceCheck(ctx, table, columns, absent, 'el timbrado');
    checks.push(check);
    if (!present) continue;
    checks.push(await selectCheck(ctx, table, 'el conector no sabrá qué facturas quedaron timbradas'));
    const rights = await ctx.probe.objectRights(table);
    const subject = `Permiso UPDATE en dbo.${table}`;
    checks.push(
      rights.update
        ? ok(subject, `El usuario «${ctx.user}» puede modificarla, como hace Comercial al registrar el timbre.`)
        : warn(
            subject,
            `El usuario «${ctx.user}» no puede modificarla y Comercial, al timbrar con este usuario, registra ahí el timbre: pida ${grantText('UPDATE', `dbo.${table}`, ctx.user)}.`,
          ),
    );
  }
  return { key: 'write:stamping', title: 'Timbrado automático', checks };
}

function helperCheck(setup: StamperSetup | null): DiagnosticCheck {
  const subject = 'Programa de timbrado (WopenTimbrado.exe)';
  if (!setup) {
    return warn(
      subject,
      'Este equipo no tiene configurado WOPEN_STAMPER_HELPER: las facturas se registran sin timbrar y hay que timbrarlas en CONTPAQi Comercial.',
    );
  }
  // A bare command (found through PATH) cannot be checked without starting it.
  if (/[\\/]/.test(setup.command) && !existsSync(setup.command)) {
    return missing(
      subject,
      `No se encuentra «${setup.command}»: reinstale Wopen Sync Console o corrija WOPEN_STAMPER_HELPER.`,
    );
  }
  return ok(
    subject,
    `Configurado: «${setup.command}». El diagnóstico no lo inicia; la primera factura timbrada lo prueba.`,
  );
}
