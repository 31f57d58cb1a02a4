import type { Phase } from './phase';
import { ordersPhase } from './orders/orders-phase';
import { invoicesPhase } from './invoices/invoices-phase';

/** The inbound phases of a company run, in the order they run: a new flow is one folder and one line here. */
export const PHASES: readonly Phase[] = [ordersPhase, invoicesPhase];
