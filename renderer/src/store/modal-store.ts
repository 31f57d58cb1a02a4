import { create } from 'zustand';
import type { ErpConnectionView } from '../../../shared/erp-connection';
import type { HeldCatalogView, IdentityBlockView, RunView } from '../../../shared/ipc-contract';

export interface MessageBoxState {
  kind: 'error' | 'info';
  lines: string[];
}

/** The editor of a saved connection reads it from the connections query, so it opens with its id only. */
export type ConnectionEditorState = { mode: 'new' } | { mode: 'edit'; connectionId: number };

export interface SimulationState {
  companyName: string;
  run: RunView;
}

export interface ResendConfirmState {
  connectionId: number;
  companyId: string;
  companyName: string;
}

export interface HeldState {
  connectionId: number;
  companyId: string;
  companyName: string;
}

export interface HeldConfirmState extends HeldState {
  action: 'apply' | 'discard';
  held: HeldCatalogView[];
  /** Every held catalog of the company was chosen. */
  all: boolean;
}

/** Every modal of the console and the argument it opens with (`true`: it needs none). */
export interface ModalArgs {
  message: MessageBoxState;
  /** The connection whose deletion waits for the user's confirmation. */
  delete: ErpConnectionView;
  /** *Diagnóstico* of a saved connection, opened from its editor. */
  diagnosis: ErpConnectionView;
  editor: ConnectionEditorState;
  alerts: true;
  options: true;
  events: true;
  history: true;
  simulation: SimulationState;
  /** *Reenviar todo a la tienda* waiting for the user's confirmation. */
  resend: ResendConfirmState;
  /** *Bajas retenidas* of one company. */
  held: HeldState;
  /** *Aplicar* / *Descartar* waiting for the user's confirmation. */
  heldConfirm: HeldConfirmState;
  /** A company stopped by the identity guard: «¿es la misma empresa?» */
  identity: IdentityBlockView;
}

export type ModalKind = keyof ModalArgs;

/**
 * Top first: when several are open, the first in this order is the one the user can reach. The message box
 * covers everything; the diagnosis and the delete confirmation open over the connection editor.
 */
export const MODAL_ORDER: readonly ModalKind[] = [
  'message',
  'heldConfirm',
  'identity',
  'delete',
  'diagnosis',
  'editor',
  'alerts',
  'options',
  'events',
  'history',
  'simulation',
  'resend',
  'held',
];

interface ModalState {
  open: Partial<ModalArgs>;
}

/** Which modal is open, with what argument: the one place every dialog reads and writes. */
export const useModals = create<ModalState>()(() => ({ open: {} }));

export function openModal<K extends ModalKind>(kind: K, arg: ModalArgs[K]): void {
  useModals.setState((s) => ({ open: { ...s.open, [kind]: arg } }));
}

export function closeModal(kind: ModalKind): void {
  useModals.setState((s) => {
    if (!(kind in s.open)) return s;
    const open = { ...s.open };
    delete open[kind];
    return { open };
  });
}

/** The argument the modal was opened with, or undefined while it is closed. */
export function useModal<K extends ModalKind>(kind: K): ModalArgs[K] | undefined {
  return useModals((s) => s.open[kind]);
}

/** The reachable modal (see MODAL_ORDER), or null when the dialog itself is. */
export function useTopModal(): ModalKind | null {
  return useModals((s) => MODAL_ORDER.find((k) => k in s.open) ?? null);
}

/** CONTPAQi's message box (one at a time: a new message replaces the shown one). */
export function showMessage(kind: MessageBoxState['kind'], lines: string[]): void {
  openModal('message', { kind, lines });
}
