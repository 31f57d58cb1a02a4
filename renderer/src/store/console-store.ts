import { create } from 'zustand';
import { validateCompanySettings, type FieldError, type SettingsField } from '../../../shared/company-settings';
import type { CompanyRow, CompanySettingsView, TestResult } from '../../../shared/ipc-contract';
import { errorText } from '../format';
import { draftFromSaved, isDirty, toSettingsInput, type CompanyDraft } from './company-draft';
import type { OrderFieldError } from '../../../shared/ipc-contract';
import type { OrderSettingsValues } from '../../../shared/order-settings';
import { cachedConnections, fetchConnections } from '../queries/connections';
import { closeModal, openModal, showMessage } from './modal-store';
import { acceptedViews, checkOrderInputs, isOrderDirty, orderInputs, type OrderDraftState } from './order-drafts';

export interface BranchChoices {
  branches: { id: string; name: string }[];
  warning: string | null;
}

export const SAVED_MESSAGE = 'La configuración se guardó.';

interface ConsoleState extends OrderDraftState {
  connectionId: number | null;
  companies: CompanyRow[];
  companiesWarning: string | null;
  loadingCompanies: boolean;
  selectedCompanyId: string | null;
  /** Settings as stored, per company of the current connection. */
  saved: Record<string, CompanySettingsView>;
  /** Edits not yet accepted; they survive switching rows until Aceptar or Cancelar. */
  drafts: Record<string, CompanyDraft>;
  branches: Record<string, BranchChoices>;
  storeTests: Record<string, TestResult | 'running'>;
  invalid: { companyId: string; field: SettingsField } | null;
  /** Field to focus once the message box closes. */
  focusAfterMessage: SettingsField | null;
  status: string;
  saving: boolean;
  /** Why *Pedidos y cotizaciones* could not be read, per company. */
  orderLoadErrors: Record<string, string>;

  init(): Promise<void>;
  reloadConnections(selectId?: number): Promise<void>;
  selectConnection(id: number): Promise<void>;
  loadCompanies(refresh?: boolean): Promise<void>;
  selectCompany(companyId: string): Promise<void>;
  editDraft(companyId: string, patch: Partial<CompanyDraft>): void;
  /** Reads *Pedidos y cotizaciones* (settings and ERP choices) once per company and connection. */
  loadOrderSettings(companyId: string): Promise<void>;
  editOrderDraft(companyId: string, patch: Partial<OrderSettingsValues>): void;
  toggleSync(companyId: string): Promise<void>;
  testStore(companyId: string): Promise<void>;
  accept(): Promise<void>;
  cancel(): void;
  focusDone(): void;
  /** Deletes the connection (after the confirmation) and shows what is left. */
  deleteConnection(id: number): Promise<void>;
}

/** Draft if edited, else the stored values (undefined until the company's settings are loaded). */
export function currentDraft(s: Pick<ConsoleState, 'drafts' | 'saved'>, companyId: string): CompanyDraft | undefined {
  const saved = s.saved[companyId];
  return s.drafts[companyId] ?? (saved ? draftFromSaved(saved) : undefined);
}

/** Companies whose *Configuración* / account fields were edited (what saveSettings' `companies` carries). */
export function dirtySettingsIds(s: Pick<ConsoleState, 'drafts' | 'saved' | 'companies'>): string[] {
  // Grid order, so messages point at the first offending row as the user sees it.
  return s.companies
    .map((c) => c.companyId)
    .filter((id) => {
      const d = s.drafts[id];
      const saved = s.saved[id];
      return d !== undefined && saved !== undefined && isDirty(d, saved);
    });
}

/** Companies whose *Pedidos y cotizaciones* were edited. */
export function dirtyOrderIds(s: Pick<ConsoleState, 'orderDrafts' | 'orderViews' | 'companies'>): string[] {
  return s.companies.map((c) => c.companyId).filter((id) => isOrderDirty(s, id));
}

/** Every company with something for *Aceptar* to save, in grid order. */
export function dirtyCompanyIds(
  s: Pick<ConsoleState, 'drafts' | 'saved' | 'companies' | 'orderDrafts' | 'orderViews'>,
): string[] {
  const settings = new Set(dirtySettingsIds(s));
  const orders = new Set(dirtyOrderIds(s));
  return s.companies.map((c) => c.companyId).filter((id) => settings.has(id) || orders.has(id));
}

const api = (): Window['api'] => window.api;

export const useConsole = create<ConsoleState>()((set, get) => {
  /** Loads stored settings and branch choices of one company (once per connection). */
  async function ensureLoaded(companyId: string): Promise<boolean> {
    const { connectionId, saved } = get();
    if (connectionId === null) return false;
    if (saved[companyId]) return true;
    try {
      const [settings, branches] = await Promise.all([
        api().getCompanySettings({ connectionId, companyId }),
        api().listBranches({ connectionId, companyId }),
      ]);
      if (get().connectionId !== connectionId) return false;
      // A company never saved in a database with a single branch starts with that branch as its Sucursal.
      const only = branches.branches.length === 1 ? branches.branches[0] : undefined;
      const initial =
        settings.updatedAt === null && settings.branchId === null && only
          ? { ...settings, branchId: only.id }
          : settings;
      set((s) => ({
        saved: { ...s.saved, [companyId]: initial },
        branches: { ...s.branches, [companyId]: branches },
      }));
      return true;
    } catch (err) {
      showMessage('error', [errorText(err)]);
      return false;
    }
  }

  /** Puts the user on the first offending company and field, with the messages in a message box. */
  function reportErrors(errors: FieldError[]): void {
    const first = errors[0];
    if (!first) return;
    const mine = errors.filter((e) => e.companyId === first.companyId);
    const name = get().companies.find((c) => c.companyId === first.companyId)?.name ?? first.companyId;
    set({ invalid: { companyId: first.companyId, field: first.field }, focusAfterMessage: first.field });
    void get().selectCompany(first.companyId);
    showMessage('error', [`Empresa: ${name}`, ...mine.map((e) => e.message)]);
  }

  /** Same for *Pedidos y cotizaciones*: the company is selected and the messages say which block. */
  function reportOrderErrors(errors: OrderFieldError[]): void {
    const first = errors[0];
    if (!first) return;
    const name = get().companies.find((c) => c.companyId === first.companyId)?.name ?? first.companyId;
    void get().selectCompany(first.companyId);
    const mine = errors.filter((e) => e.companyId === first.companyId).map((e) => e.message);
    showMessage('error', [`Empresa: ${name}`, `Pedidos y cotizaciones: ${mine.join(' ')}`]);
  }

  return {
    connectionId: null,
    companies: [],
    companiesWarning: null,
    loadingCompanies: false,
    selectedCompanyId: null,
    saved: {},
    drafts: {},
    branches: {},
    storeTests: {},
    invalid: null,
    focusAfterMessage: null,
    status: '',
    saving: false,
    orderViews: {},
    orderDrafts: {},
    orderLoadErrors: {},

    async init() {
      await get().reloadConnections();
    },

    async reloadConnections(selectId) {
      try {
        const connections = await fetchConnections();
        if (connections.length === 0) {
          set({ connectionId: null, companies: [] });
          openModal('editor', { mode: 'new' });
          return;
        }
        const keep = selectId ?? get().connectionId;
        const target = connections.find((c) => c.id === keep) ?? connections[0];
        if (target) {
          // Re-reading the same connection (after editing it) must refresh its companies too.
          set({ connectionId: null });
          await get().selectConnection(target.id);
        }
      } catch (err) {
        showMessage('error', [errorText(err)]);
      }
    },

    async selectConnection(id) {
      const s = get();
      if (s.connectionId !== null && s.connectionId !== id && dirtyCompanyIds(s).length > 0) {
        showMessage('error', [
          'Hay cambios sin guardar en la configuración de las empresas.',
          'Haga clic en Aceptar para guardarlos o en Cancelar para descartarlos antes de cambiar de conexión.',
        ]);
        return;
      }
      set({
        connectionId: id,
        companies: [],
        companiesWarning: null,
        selectedCompanyId: null,
        saved: {},
        drafts: {},
        branches: {},
        storeTests: {},
        orderViews: {},
        orderDrafts: {},
        orderLoadErrors: {},
        invalid: null,
        status: '',
      });
      await get().loadCompanies();
    },

    async loadCompanies(refresh) {
      const connectionId = get().connectionId;
      if (connectionId === null) return;
      set({ loadingCompanies: true });
      try {
        const list = await api().listCompanies({ connectionId, ...(refresh ? { refresh: true } : {}) });
        if (get().connectionId !== connectionId) return;
        set({ companies: list.companies, companiesWarning: list.warning });
        const selected = get().selectedCompanyId;
        const stillThere = list.companies.some((c) => c.companyId === selected);
        const first = list.companies[0];
        if (!stillThere && first) await get().selectCompany(first.companyId);
        else if (selected) await ensureLoaded(selected);
      } catch (err) {
        showMessage('error', [errorText(err)]);
      } finally {
        set({ loadingCompanies: false });
      }
    },

    async selectCompany(companyId) {
      set({ selectedCompanyId: companyId });
      await ensureLoaded(companyId);
    },

    editDraft(companyId, patch) {
      set((s) => {
        const base = currentDraft(s, companyId);
        if (!base) return {};
        const touchesInvalid = s.invalid?.companyId === companyId;
        return {
          drafts: { ...s.drafts, [companyId]: { ...base, ...patch } },
          invalid: touchesInvalid ? null : s.invalid,
          status: '',
        };
      });
    },

    async loadOrderSettings(companyId) {
      const { connectionId, orderViews } = get();
      if (connectionId === null || orderViews[companyId]) return;
      try {
        const view = await api().getOrderSettings({ connectionId, companyId });
        if (get().connectionId !== connectionId) return;
        set((s) => ({
          orderViews: { ...s.orderViews, [companyId]: view },
          orderLoadErrors: { ...s.orderLoadErrors, [companyId]: '' },
        }));
      } catch (err) {
        set((s) => ({ orderLoadErrors: { ...s.orderLoadErrors, [companyId]: errorText(err) } }));
      }
    },

    editOrderDraft(companyId, patch) {
      set((s) => {
        const base = s.orderDrafts[companyId] ?? s.orderViews[companyId]?.settings;
        if (!base) return {};
        return { orderDrafts: { ...s.orderDrafts, [companyId]: { ...base, ...patch } }, status: '' };
      });
    },

    async toggleSync(companyId) {
      set({ selectedCompanyId: companyId });
      if (!(await ensureLoaded(companyId))) return;
      const d = currentDraft(get(), companyId);
      if (d) get().editDraft(companyId, { sync: !d.sync });
    },

    async testStore(companyId) {
      const { connectionId } = get();
      const d = currentDraft(get(), companyId);
      if (connectionId === null || !d) return;
      set((s) => ({ storeTests: { ...s.storeTests, [companyId]: 'running' } }));
      let result: TestResult;
      try {
        result = await api().testStoreConnection({
          connectionId,
          companyId,
          url: d.url,
          user: d.user,
          ...(d.newPassword ? { newPassword: d.newPassword } : {}),
        });
      } catch (err) {
        result = { ok: false, message: errorText(err), hints: [], elapsedMs: 0 };
      }
      set((s) => ({ storeTests: { ...s.storeTests, [companyId]: result } }));
    },

    async accept() {
      const s = get();
      const { connectionId } = s;
      if (connectionId === null || s.saving) return;
      const dirty = dirtySettingsIds(s);
      const dirtyOrders = dirtyOrderIds(s);
      if (dirty.length === 0 && dirtyOrders.length === 0) {
        set({ status: 'No hay cambios por guardar.' });
        return;
      }
      // Same rules as main, checked here first so the user gets the message without a round trip: every
      // company and every *Pedidos y cotizaciones* block is checked before anything is sent.
      const inputs = dirty.map((id) => toSettingsInput(id, s.drafts[id] as CompanyDraft));
      for (const input of inputs) {
        const check = validateCompanySettings(input, s.saved[input.companyId]?.hasPassword ?? false);
        if (!check.ok) {
          reportErrors(check.errors);
          return;
        }
      }
      const orders = orderInputs(connectionId, s, dirtyOrders);
      const orderErrors = checkOrderInputs(orders);
      if (orderErrors.length > 0) {
        reportOrderErrors(orderErrors);
        return;
      }
      set({ saving: true, status: 'Guardando…' });
      try {
        // One call, one transaction in main: both blocks are saved, or neither.
        const result = await api().saveSettings({
          connectionId,
          companies: inputs,
          ...(orders.length > 0 ? { orders } : {}),
        });
        if (!result.ok) {
          set({ status: '' });
          if (result.errors.length > 0) reportErrors(result.errors);
          else reportOrderErrors(result.orderErrors ?? []);
          return;
        }
        // A company whose settings were saved may have a new Sucursal, and the series are per branch: read again.
        set((now) => ({ orderViews: acceptedViews(now, dirty), orderDrafts: {} }));
        set({ drafts: {}, saved: {}, invalid: null, storeTests: {}, status: SAVED_MESSAGE });
        await get().loadCompanies();
        showMessage('info', [SAVED_MESSAGE]);
      } catch (err) {
        set({ status: '' });
        showMessage('error', ['No se guardó la configuración.', errorText(err)]);
      } finally {
        set({ saving: false });
      }
    },

    cancel() {
      const had = dirtyCompanyIds(get()).length > 0;
      set({
        drafts: {},
        orderDrafts: {},
        invalid: null,
        storeTests: {},
        status: had ? 'Se descartaron los cambios; se muestran los valores guardados.' : '',
      });
    },

    focusDone() {
      set({ focusAfterMessage: null });
    },
    async deleteConnection(id) {
      const name = cachedConnections().find((c) => c.id === id)?.name ?? String(id);
      try {
        await api().deleteConnection({ connectionId: id });
      } catch (err) {
        closeModal('delete');
        showMessage('error', [`No se eliminó la conexión «${name}».`, errorText(err)]);
        return;
      }
      // The edits of a deleted connection went with it: nothing is left to save or to warn about.
      const wasCurrent = get().connectionId === id;
      closeModal('delete');
      closeModal('editor');
      if (wasCurrent) set({ connectionId: null, drafts: {}, orderDrafts: {} });
      await get().reloadConnections();
      set({ status: `Se eliminó la conexión «${name}».` });
    },
  };
});
