import type { DiagnosticCheck } from '../../../../shared/erp-diagnostics';
import { RESOLVE_MODULE } from '../documents/document-queries';
import { missing, ok, warn, type DoctorContext } from './checks';
import { MODULE_INFO } from './doctor-queries';

/**
 * The factory module a writer will use, by the writer's own RESOLVE_MODULE (ModuleIDBase NULL or 0 = no base,
 * real-installations.md §2.1). Returns the module id the writer would take, or null.
 */
export async function moduleCheck(
  ctx: DoctorContext,
  documentType: number,
  moduleName: string,
): Promise<{ check: DiagnosticCheck; moduleId: number | null }> {
  const subject = `Módulo de ${moduleName}`;
  const lookup = `engModuleParameter DocumentTypeID ${documentType}, DocRecipient 1`;
  let rows: { moduleId: unknown }[];
  try {
    rows = await ctx.db.query<{ moduleId: unknown }>(RESOLVE_MODULE, { type: String(documentType) });
  } catch (err) {
    return {
      check: missing(subject, `No se pudo buscar el módulo (${lookup}): ${ctx.describe(err).message}`),
      moduleId: null,
    };
  }
  const ids = rows.map((r) => Number(r.moduleId));
  const first = ids[0];
  if (first === undefined) {
    return {
      check: missing(
        subject,
        `No hay un módulo de fábrica vigente con ${lookup}: confirme en CONTPAQi Comercial que el módulo existe y no está dado de baja, y envíe este informe a soporte.`,
      ),
      moduleId: null,
    };
  }
  const [info] = await ctx.db.query<{ name: string | null; base: unknown }>(MODULE_INFO, { module: first });
  const base = info?.base === null || info?.base === undefined ? 'NULL' : String(info.base);
  const found = `el módulo ${first} «${info?.name ?? '¿sin nombre?'}» (${lookup}, ModuleIDBase ${base})`;
  if (ids.length > 1) {
    return {
      check: warn(
        subject,
        `Hay ${ids.length} módulos de fábrica que coinciden (${ids.join(', ')}); el conector usa ${found}: confirme en Comercial que es el correcto.`,
      ),
      moduleId: first,
    };
  }
  return { check: ok(subject, `Se usa ${found}.`), moduleId: first };
}
