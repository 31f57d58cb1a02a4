import type { SchemaFacts } from './schema-facts';

/**
 * The principal key (clave principal) of an article or customer as an OCTETS scalar subquery: the key whose
 * role has ES_PPAL = 'S' (reference §2.1/§2.2: never a hard-coded role id), lowest key id first if several.
 * Without the roles table, the first key of any role. `+ 0` keeps Firebird from walking the whole primary-key
 * index to satisfy the ORDER BY (it would, and scan the table once per row) instead of using the owner's index.
 */
export function principalKeySql(
  s: SchemaFacts,
  t: { keys: string; keyId: string; key: string; owner: string; roles: string; roleId: string },
  ownerExpr: string,
): string {
  if (!s.has(t.keys)) return 'CAST(NULL AS VARCHAR(1) CHARACTER SET OCTETS)';
  const principal =
    s.has(t.roles) && s.hasColumn(t.roles, 'ES_PPAL')
      ? ` AND EXISTS (SELECT 1 FROM ${t.roles} r WHERE r.${t.roleId} = k.${t.roleId} AND r.ES_PPAL = 'S')`
      : '';
  return `(SELECT FIRST 1 ${s.text('k', t.keys, t.key)} FROM ${t.keys} k WHERE k.${t.owner} = ${ownerExpr}${principal} ORDER BY k.${t.keyId} + 0)`;
}

export const ARTICLE_KEYS = {
  keys: 'CLAVES_ARTICULOS',
  keyId: 'CLAVE_ARTICULO_ID',
  key: 'CLAVE_ARTICULO',
  owner: 'ARTICULO_ID',
  roles: 'ROLES_CLAVES_ARTICULOS',
  roleId: 'ROL_CLAVE_ART_ID',
} as const;

export const CUSTOMER_KEYS = {
  keys: 'CLAVES_CLIENTES',
  keyId: 'CLAVE_CLIENTE_ID',
  key: 'CLAVE_CLIENTE',
  owner: 'CLIENTE_ID',
  roles: 'ROLES_CLAVES_CLIENTES',
  roleId: 'ROL_CLAVE_CLI_ID',
} as const;
