import { create } from 'zustand';
import { validateCompanySettings, type FieldError, type SettingsField } from '../../../shared/company-settings';
import type { ErpConnectionView } from '../../../shared/erp-connection';
import type { CompanyRow, CompanySettingsView, TestResult } from '../../../shared/ipc-contract';
import { errorText } from '../format';
import { draftFromSaved, isDirty, toSettingsInput, type CompanyDraft } from './company-draft';

export interface BranchChoices {
  branches: { id: string; name: string }[];
  warning: string | null;
}

export interface MessageBoxState {
  kind: 'error' | 'info';
  lines: string[];
}

export type ConnectionEditorState = { mode: 'new' } | { mode: 'edit'; connection: ErpConnectionView };

export const SAVED_MESSAGE = 'La configuración se guardó.';

interface ConsoleState {
  connections: ErpConnectionView[];
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
  messageBox: MessageBoxState | null;
  status: string;
  saving: boolean;
  connectionEditor: ConnectionEditorState | null;
  eventViewerOpen: boolean;
  historyOpen: boolean;
  alertSettingsOpen: boolean;

  init(): Promise<void>;
  reloadConnections(selectId?: number): Promise<void>;
  selectConnection(id: number): Promise<void>;
  loadCompanies(refresh?: boolean): Promise<void>;
  selectCompany(companyId: string): Promise<void>;
  editDraft(companyId: string, patch: Partial<CompanyDraft>): void;
  toggleSync(companyId: string): Promise<void>;
  testStore(companyId: string): Promise<void>;
  accept(): Promise<void>;
  cancel(): void;
  showMessage(kind: MessageBoxState['kind'], lines: string[]): void;
  closeMessage(): void;
  focusDone(): void;
  openConnectionEditor(state: ConnectionEditorState): void;
  closeConnectionEditor(): void;
  setEventViewerOpen(open: boolean): void;
  setHistoryOpen(open: boolean): void;
  setAlertSettingsOpen(open: boolean): void;
}

/** Draft if edited, else the stored values (undefined until the company's settings are loaded). */
export function currentDraft(s: Pick<ConsoleState, 'drafts' | 'saved'>, companyId: string): CompanyDraft | undefined {
  const saved = s.saved[companyId];
  return s.drafts[companyId] ?? (saved ? draftFromSaved(saved) : undefined);
}

export function dirtyCompanyIds(s: Pick<ConsoleState, 'drafts' | 'saved' | 'companies'>): string[] {
  // Grid order, so messages point at the first offending row as the user sees it.
  return s.companies
    .map((c) => c.companyId)
    .filter((id) => {
      const d = s.drafts[id];
      const saved = s.saved[id];
      return d !== undefined && saved !== undefined && isDirty(d, saved);
    });
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
      const initial = settings.updatedAt === null && settings.branchId === null && only ? { ...settings, branchId: only.id } : settings;
      set((s) => ({
        saved: { ...s.saved, [companyId]: initial },
        branches: { ...s.branches, [companyId]: branches },
      }));
      return true;
    } catch (err) {
      get().showMessage('error', [errorText(err)]);
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
    get().showMessage('error', [`Empresa: ${name}`, ...mine.map((e) => e.message)]);
  }

  return {
    connections: [],
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
    messageBox: null,
    status: '',
    saving: false,
    connectionEditor: null,
    eventViewerOpen: false,
    historyOpen: false,
    alertSettingsOpen: false,

    async init() {
      await get().reloadConnections();
    },

    async reloadConnections(selectId) {
      try {
        const connections = await api().listConnections();
        set({ connections });
        if (connections.length === 0) {
          set({ connectionId: null, companies: [], connectionEditor: { mode: 'new' } });
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
        get().showMessage('error', [errorText(err)]);
      }
    },

    async selectConnection(id) {
      const s = get();
      if (s.connectionId !== null && s.connectionId !== id && dirtyCompanyIds(s).length > 0) {
        get().showMessage('error', [
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
        get().showMessage('error', [errorText(err)]);
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
      const dirty = dirtyCompanyIds(s);
      if (dirty.length === 0) {
        set({ status: 'No hay cambios por guardar.' });
        return;
      }
      // Same rules as main, checked here first so the user gets the message without a round trip.
      const inputs = dirty.map((id) => toSettingsInput(id, s.drafts[id] as CompanyDraft));
      for (const input of inputs) {
        const check = validateCompanySettings(input, s.saved[input.companyId]?.hasPassword ?? false);
        if (!check.ok) {
          reportErrors(check.errors);
          return;
        }
      }
      set({ saving: true, status: 'Guardando…' });
      try {
        const result = await api().saveSettings({ connectionId, companies: inputs });
        if (!result.ok) {
          set({ status: '' });
          reportErrors(result.errors);
          return;
        }
        set({ drafts: {}, saved: {}, invalid: null, storeTests: {}, status: SAVED_MESSAGE });
        await get().loadCompanies();
        get().showMessage('info', [SAVED_MESSAGE]);
      } catch (err) {
        set({ status: '' });
        get().showMessage('error', ['No se guardó la configuración.', errorText(err)]);
      } finally {
        set({ saving: false });
      }
    },

    cancel() {
      const had = dirtyCompanyIds(get()).length > 0;
      set({
        drafts: {},
        invalid: null,
        storeTests: {},
        status: had ? 'Se descartaron los cambios; se muestran los valores guardados.' : '',
      });
    },

    showMessage(kind, lines) {
      set({ messageBox: { kind, lines } });
    },
    closeMessage() {
      set({ messageBox: null });
    },
    focusDone() {
      set({ focusAfterMessage: null });
    },
    openConnectionEditor(state) {
      set({ connectionEditor: state });
    },
    closeConnectionEditor() {
      set({ connectionEditor: null });
    },
    setEventViewerOpen(open) {
      set({ eventViewerOpen: open });
    },
    setHistoryOpen(open) {
      set({ historyOpen: open });
    },
    setAlertSettingsOpen(open) {
      set({ alertSettingsOpen: open });
    },
  };
});
