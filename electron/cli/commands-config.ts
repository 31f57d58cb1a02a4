import type { Command } from 'commander';
import type { ConsoleService } from '../app/console-service';
import type { OrderSettingsService } from '../app/order-settings-service';
import type { OrderSettingsValues } from '../../shared/order-settings';
import type { CompanySettingsInput } from '../../shared/company-settings';
import type { CompanySettingsView } from '../../shared/company-settings';
import type { DeactivationLimitsRepo } from '../settings/deactivation-limits-repo';
import { deactivationLimitsInputSchema } from '../../shared/deactivation-limits';
import { CliError, parseId, parseOnOff, passwordFromEnv, type CliIo } from './cli-io';

interface ConfigSetOptions {
  connection: string;
  company: string;
  sync?: string;
  period?: string;
  orders?: string;
  invoices?: string;
  branch?: string;
  autoStamp?: string;
  claveProdServ?: string;
  claveUnidad?: string;
  url?: string;
  user?: string;
  passwordEnv?: string;
  syncNames?: string;
  syncDescriptions?: string;
  hours?: string;
  negativeStockAsZero?: string;
  safetyStock?: string;
  seriesPedidos?: string;
  seriesCotizaciones?: string;
  freightArticle?: string;
  requireRfc?: string;
  warehouse?: string;
}

/** The Pedidos y cotizaciones options given on the command line over what is saved; null = none given. */
export function mergeOrderOptions(current: OrderSettingsValues, o: ConfigSetOptions): OrderSettingsValues | null {
  const given = [o.seriesPedidos, o.seriesCotizaciones, o.freightArticle, o.requireRfc, o.warehouse].some(
    (v) => v !== undefined,
  );
  if (!given) return null;
  return {
    seriesPedidos: o.seriesPedidos ?? current.seriesPedidos,
    seriesCotizaciones: o.seriesCotizaciones ?? current.seriesCotizaciones,
    freightArticleId: o.freightArticle ?? current.freightArticleId,
    warehouseId: o.warehouse ?? current.warehouseId,
    requireRfc: o.requireRfc === undefined ? current.requireRfc : parseOnOff(o.requireRfc, '--require-rfc'),
  };
}

/** Applies only the options given on the command line over what is saved (or the defaults). */
export function mergeOptions(current: CompanySettingsView, o: ConfigSetOptions, io: CliIo): CompanySettingsInput {
  const flag = (v: string | undefined, name: string, was: boolean): boolean =>
    v === undefined ? was : parseOnOff(v, name);
  return {
    companyId: current.companyId,
    sync: flag(o.sync, '--sync', current.sync),
    period: o.period ?? current.period,
    orders: flag(o.orders, '--orders', current.orders),
    invoices: flag(o.invoices, '--invoices', current.invoices),
    branchId: o.branch ?? current.branchId,
    autoStamp: flag(o.autoStamp, '--auto-stamp', current.autoStamp),
    claveProdServ: o.claveProdServ ?? current.claveProdServ ?? '',
    claveUnidad: o.claveUnidad ?? current.claveUnidad ?? '',
    url: o.url ?? current.url ?? '',
    user: o.user ?? current.user ?? '',
    newPassword: passwordFromEnv(io, o.passwordEnv),
    syncNames: flag(o.syncNames, '--sync-names', current.syncNames),
    syncDescriptions: flag(o.syncDescriptions, '--sync-descriptions', current.syncDescriptions),
    hoursWindow: o.hours ?? current.hoursWindow ?? '',
    negativeStockAsZero: flag(o.negativeStockAsZero, '--negative-stock-as-zero', current.negativeStockAsZero),
    safetyStock: o.safetyStock ?? current.safetyStock,
  };
}

/** The CLI may name a company before the console ever listed it: read the ERP once in that case. */
async function settingsOf(
  service: ConsoleService,
  connectionId: number,
  companyId: string,
): Promise<CompanySettingsView> {
  try {
    return service.getCompanySettings(connectionId, companyId);
  } catch {
    await service.listCompanies(connectionId);
    return service.getCompanySettings(connectionId, companyId);
  }
}

export function registerConfigCommands(
  program: Command,
  io: CliIo,
  service: () => ConsoleService,
  orders: () => OrderSettingsService,
  limits?: () => DeactivationLimitsRepo,
): void {
  const config = program.command('config').description('Configuración de Wopen por empresa (tabla orgWOpen)');

  config
    .command('set')
    .description('Valida y guarda la configuración de una empresa, igual que Aceptar en la consola')
    .requiredOption('--connection <id>', 'número de conexión')
    .requiredOption('--company <id>', 'empresa')
    .option('--sync <on|off>', 'Sincronizar')
    .option('--period <min>', 'Periodo de sincronización (min.), 5 a 1440')
    .option('--orders <on|off>', 'Sincronización Pedidos')
    .option('--invoices <on|off>', 'Sincronización Facturas')
    .option('--branch <id>', 'Sucursal')
    .option('--auto-stamp <on|off>', 'Timbrado de factura automática')
    .option('--clave-prod-serv <clave>', 'Clave Prod/Serv (8 dígitos)')
    .option('--clave-unidad <clave>', 'Clave Unidad del SAT')
    .option('--url <url>', 'URL de Wopen')
    .option('--user <usuario>', 'Usuario de Wopen')
    .option('--password-env <var>', 'variable de entorno con la Contraseña de Wopen')
    .option('--sync-names <on|off>', 'enviar los nombres a la tienda (off: la tienda los administra)')
    .option('--sync-descriptions <on|off>', 'enviar las descripciones a la tienda')
    .option('--hours <HH:MM-HH:MM>', 'horario en que puede iniciar la sincronización automática ("" = todo el día)')
    .option('--negative-stock-as-zero <on|off>', 'Publicar existencias negativas como 0 (predeterminado: on)')
    .option(
      '--safety-stock <unidades>',
      'Existencia de seguridad (unidades) que se resta de lo disponible, 0 a 1000000',
    )
    .option('--series-pedidos <serie>', 'Serie de pedidos ("" = la predeterminada del ERP)')
    .option('--series-cotizaciones <serie>', 'Serie de cotizaciones ("" = la predeterminada del ERP)')
    .option('--freight-article <id>', 'Artículo de fletes (id del artículo en el ERP; no se mostrará en la tienda)')
    .option('--require-rfc <on|off>', 'RFC obligatorio para clientes nuevos')
    .option('--warehouse <id>', 'Almacén del que se comprometen los pedidos ("" = el predeterminado)')
    .action(async (o: ConfigSetOptions) => {
      const connectionId = parseId(o.connection, '--connection');
      const current = await settingsOf(service(), connectionId, o.company);
      const scope = { connectionId, companyId: current.companyId };
      const orderValues = mergeOrderOptions(orders().current(scope), o);
      // Like *Aceptar*: company and order settings in one transaction, or nothing.
      const prepared = orderValues ? orders().prepare(connectionId, [{ ...scope, ...orderValues }]) : undefined;
      const result = await service().saveSettings(connectionId, [mergeOptions(current, o, io)], prepared);
      if (!result.ok)
        throw new CliError([...result.errors, ...(result.orderErrors ?? [])].map((e) => e.message).join('\n'));
      io.out('La configuración se guardó.\n');
    });

  config
    .command('show')
    .description('Muestra la configuración guardada de una empresa (nunca la contraseña)')
    .requiredOption('--connection <id>', 'número de conexión')
    .requiredOption('--company <id>', 'empresa')
    .option('--json', 'salida JSON')
    .action(async (o: { connection: string; company: string; json?: boolean }) => {
      const connectionId = parseId(o.connection, '--connection');
      const company = await settingsOf(service(), connectionId, o.company);
      const view = { ...company, ...orders().current({ connectionId, companyId: company.companyId }) };
      if (o.json) io.out(`${JSON.stringify(view, null, 2)}\n`);
      else for (const [k, v] of Object.entries(view)) io.out(`${k}: ${v === null ? '' : String(v)}\n`);
    });
  if (limits) registerLimitsCommand(config, io, limits);
}

/** A whole number as typed, else the text, so the shared schema answers in Spanish. */
const numberOrText = (v: string): number | string => (/^\d+$/.test(v.trim()) ? Number(v.trim()) : v);

/** `config limits [--max-count N] [--max-share P]`: shows or sets the limits of *Opciones › Bajas retenidas*. */
function registerLimitsCommand(config: Command, io: CliIo, limits: () => DeactivationLimitsRepo): void {
  config
    .command('limits')
    .description('Muestra o cambia cuándo se retienen las bajas (más de N registros y más del P % de la tienda)')
    .option('--max-count <n>', 'retener cuando las bajas de un catálogo sean más de este número de registros')
    .option('--max-share <p>', 'y más de este porcentaje (0 a 100) de lo que tiene la tienda')
    .option('--json', 'salida JSON')
    .action((o: { maxCount?: string; maxShare?: string; json?: boolean }) => {
      const repo = limits();
      const current = repo.get();
      let shown = { maxCount: current.maxCount, maxSharePct: Math.round(current.maxShare * 100) };
      if (o.maxCount !== undefined || o.maxShare !== undefined) {
        // Both values are checked before either is written, as *Guardar* in Opciones does.
        const parsed = deactivationLimitsInputSchema.safeParse({
          maxCount: o.maxCount === undefined ? shown.maxCount : numberOrText(o.maxCount),
          maxSharePct: o.maxShare === undefined ? shown.maxSharePct : numberOrText(o.maxShare.replace(/\s*%$/, '')),
        });
        if (!parsed.success)
          throw new CliError(`No se guardaron los límites: ${parsed.error.issues.map((i) => i.message).join(' ')}`);
        const saved = repo.save(parsed.data);
        shown = { maxCount: saved.maxCount, maxSharePct: Math.round(saved.maxShare * 100) };
        if (!o.json) io.out('Los límites de bajas se guardaron.\n');
      }
      if (o.json) io.out(`${JSON.stringify(shown)}\n`);
      else
        io.out(
          `Retener bajas cuando sean más de ${shown.maxCount.toLocaleString('es-MX')} registros y más del ${shown.maxSharePct} % de la tienda (por catálogo).\n`,
        );
    });
}
