import { z } from 'zod';

/** ERP connection settings as the user types them (no password: that travels apart, once). */

export const ERP_KINDS = ['microsip', 'contpaqi'] as const;
export type ErpKind = (typeof ERP_KINDS)[number];

export const ERP_KIND_LABELS: Record<ErpKind, string> = {
  microsip: 'Microsip (Firebird)',
  contpaqi: 'CONTPAQi Comercial Start/Pro (SQL Server)',
};

const text = (max: number) => z.string().trim().min(1).max(max);

export const microsipConfigSchema = z.object({
  kind: z.literal('microsip'),
  host: text(255),
  port: z.number().int().min(1).max(65535).default(3050),
  /** The data folder on the database server, e.g. C:\Microsip datos\ */
  folder: text(500),
  user: text(63).default('SYSDBA'),
  /** Follow an old server that only accepts Legacy_Auth: off unless the user ticks it (docs/secrets.md "Transport"). */
  allowLegacyAuth: z.boolean().optional(),
});
export type MicrosipConfig = z.infer<typeof microsipConfigSchema>;

export const contpaqiConfigSchema = z.object({
  kind: z.literal('contpaqi'),
  /** Host, host\INSTANCE or host,port. CONTPAQi installs the named instance COMPAC. */
  server: text(255),
  database: text(128),
  authentication: z.enum(['sql', 'windows']).default('sql'),
  /** For Windows authentication: DOMINIO\usuario. */
  user: text(128),
  /** TLS to SQL Server, on unless the user turns it off (docs/secrets.md "Transport"). */
  encrypt: z.boolean().default(true),
  /** Accept a certificate that does not verify (SQL Server's self-signed one): an explicit, labelled choice. */
  trustServerCertificate: z.boolean().default(false),
  /**
   * Network folders (\\servidor\carpeta) the stamped XMLs may be read from. Local paths are always allowed; a
   * share outside these is never opened (docs/secrets.md "CFDI files").
   */
  cfdiFolders: z
    .array(
      z
        .string()
        .trim()
        .max(500)
        .regex(
          /^(\\\\|\/\/)[^\\/]+[\\/][^\\/]+/,
          'Cada carpeta de los XML debe ser una carpeta de red completa, por ejemplo \\\\SERVIDOR\\Empresas\\XML.',
        ),
    )
    .max(10)
    .optional(),
});
export type ContpaqiConfig = z.infer<typeof contpaqiConfigSchema>;

export const erpConfigSchema = z.discriminatedUnion('kind', [microsipConfigSchema, contpaqiConfigSchema]);
export type ErpConfig = z.infer<typeof erpConfigSchema>;

/** A connection as the renderer sees it: never the password, only whether one is stored. */
export interface ErpConnectionView {
  id: number;
  name: string;
  config: ErpConfig;
  hasPassword: boolean;
}

/** What the connection editor sends to test, discover or save a connection. */
export const connectionInputSchema = z
  .object({
    /** Present when editing a saved connection; its stored password is reused unless a new one comes. */
    id: z.number().int().positive().optional(),
    name: z.string().trim().max(120).optional(),
    config: erpConfigSchema,
    newPassword: z.string().max(256).optional(),
  })
  .strict();
export type ConnectionInput = z.infer<typeof connectionInputSchema>;

/** A human name for a connection when the user gives none. */
export function defaultConnectionName(config: ErpConfig): string {
  return config.kind === 'microsip'
    ? `Microsip ${config.host}:${config.folder}`
    : `CONTPAQi ${config.server}/${config.database}`;
}
