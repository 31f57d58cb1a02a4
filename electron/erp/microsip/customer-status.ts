/**
 * What each CLIENTES.ESTATUS letter means for the store (docs/microsip.md, "Estatus de clientes"). The CHECK on a
 * real 2025 database allows A, V, B and C; in its 45,216 customers 'V' are live buyers (96.6 % with sales) without
 * an open balance, 'A' active with credit, 'B' set by the office (baja / bloqueado), 'C' cancelled. Microsip's own
 * meaning of the letters is not published: the rule is ours, in one place.
 */
export interface StatusRule {
  /** Published in the customers catalog as `active` (else `suspended`). */
  active: boolean;
  /** Store orders of such a customer are written; otherwise rejected with `why`. */
  takesOrders: boolean;
  why: string;
}

const RULES: Record<string, StatusRule> = {
  A: { active: true, takesOrders: true, why: 'activo' },
  V: { active: true, takesOrders: true, why: 'cliente de venta (compra sin crédito abierto)' },
  B: { active: false, takesOrders: false, why: 'dado de baja o bloqueado en Microsip' },
  C: { active: false, takesOrders: false, why: 'cancelado en Microsip' },
};

export function customerStatusRule(letter: string | null | undefined): StatusRule {
  const key = String(letter ?? '')
    .trim()
    .toUpperCase();
  return (
    RULES[key] ?? {
      active: false,
      takesOrders: false,
      why: `con un estatus que el conector no conoce («${key || 'vacío'}»)`,
    }
  );
}
