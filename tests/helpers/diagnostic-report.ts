import { summarize, type DiagnosticReport, type DiagnosticSection } from '../../shared/erp-diagnostics';

/**
 * A Diagnóstico report as an adapter would return it, for tests of everything around `diagnose` (service, CLI,
 * dialog). `missing` adds a 'falta' check; `warn` an 'advertencia'.
 */
export function sampleReport(
  companyId: string | null,
  opts: { missing?: boolean; warn?: boolean } = {},
): DiagnosticReport {
  const sections: DiagnosticSection[] = [
    {
      key: 'conexion',
      title: 'Conexión',
      checks: [
        { status: 'correcto', subject: 'Servidor Firebird', message: 'Se conectó a 127.0.0.1:3050 como SYSDBA.' },
      ],
    },
    {
      key: 'catalog:articles',
      title: 'Catálogo Artículos',
      checks: [
        { status: 'correcto', subject: 'Tabla ARTICULOS', message: 'Existe y se puede leer.' },
        ...(opts.warn
          ? [
              {
                status: 'advertencia' as const,
                subject: 'Columna ARTICULOS.ES_ALMACENABLE',
                message:
                  'No existe: todos los artículos se publican como almacenables; revise si su versión de Microsip la tiene.',
              },
            ]
          : []),
      ],
    },
    {
      key: 'write:orders',
      title: 'Pedidos (escritura)',
      checks: [
        {
          status: 'correcto',
          subject: 'Procedimiento CALC_TOTALES_DOCTO_VE',
          message: 'Existe con los parámetros esperados.',
        },
        ...(opts.missing
          ? [
              {
                status: 'falta' as const,
                subject: 'Columna DOCTOS_VE.SUCURSAL_ID (NOT NULL)',
                message: 'No se sabe qué valor darle: elija la Sucursal de la empresa en la consola.',
              },
            ]
          : []),
      ],
    },
  ];
  return {
    erp: 'microsip',
    at: '2026-12-03T15:04:05.000Z',
    server: 'Firebird 3.0.11 (WI-V3.0.11.33703)',
    edition: 'SuperServer',
    database: 'C:\\Microsip datos\\ÑANDÚ.FDB',
    companyId,
    companyName: companyId === '1' ? 'ÑANDÚ €URO' : companyId === '2' ? '“LA GÜERA” S.A.' : null,
    sections,
    summary: summarize(sections),
  };
}
