import type { FirebirdQueryable } from '../firebird-client';

/** Firebird's privilege letters (RDB$USER_PRIVILEGES.RDB$PRIVILEGE). */
export type Privilege = 'S' | 'I' | 'U' | 'D' | 'X';
export const PRIVILEGE_NAME: Record<Privilege, string> = {
  S: 'SELECT',
  I: 'INSERT',
  U: 'UPDATE',
  D: 'DELETE',
  X: 'EXECUTE',
};

/**
 * What the connected user may do, read from the system tables only: SYSDBA and the owner of an object hold every
 * right; otherwise the grants to the user, to PUBLIC and to the role of the attachment count.
 */
export class PrivilegeReader {
  private constructor(
    readonly user: string,
    private readonly superUser: boolean,
    private readonly owners: Map<string, string>,
    private readonly grants: Set<string>,
  ) {}

  static async read(db: FirebirdQueryable): Promise<PrivilegeReader> {
    const [who] = await db.query<{ U: string; R: string | null }>(
      'SELECT CURRENT_USER AS U, CURRENT_ROLE AS R FROM RDB$DATABASE',
    );
    const user = String(who?.U ?? '').trim();
    const role = String(who?.R ?? 'NONE').trim();
    const owners = new Map<string, string>();
    for (const r of await db.query<{ N: string; O: string }>(
      `SELECT RDB$RELATION_NAME AS N, RDB$OWNER_NAME AS O FROM RDB$RELATIONS WHERE COALESCE(RDB$SYSTEM_FLAG, 0) = 0
       UNION ALL SELECT RDB$PROCEDURE_NAME, RDB$OWNER_NAME FROM RDB$PROCEDURES WHERE COALESCE(RDB$SYSTEM_FLAG, 0) = 0`,
    ))
      owners.set(String(r.N).trim(), String(r.O).trim());
    const grants = new Set<string>();
    for (const g of await db.query<{ O: string; P: string }>(
      `SELECT RDB$RELATION_NAME AS O, RDB$PRIVILEGE AS P FROM RDB$USER_PRIVILEGES WHERE RDB$USER IN (?, 'PUBLIC', ?)`,
      [user, role],
    ))
      grants.add(`${String(g.O).trim()}:${String(g.P).trim()}`);
    return new PrivilegeReader(user, user === 'SYSDBA' || role === 'RDB$ADMIN', owners, grants);
  }

  may(object: string, privilege: Privilege): boolean {
    return this.superUser || this.owners.get(object) === this.user || this.grants.has(`${object}:${privilege}`);
  }

  grantText(object: string, privileges: readonly Privilege[], procedure = false): string {
    return `GRANT ${privileges.map((p) => PRIVILEGE_NAME[p]).join(', ')} ON ${procedure ? 'PROCEDURE ' : ''}${object} TO ${this.user}`;
  }
}
