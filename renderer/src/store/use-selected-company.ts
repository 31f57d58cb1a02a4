import type { SettingsField } from '../../../shared/company-settings';
import type { CompanySettingsView } from '../../../shared/ipc-contract';
import type { CompanyDraft } from './company-draft';
import { currentDraft, useConsole } from './console-store';

export interface SelectedCompany {
  companyId: string;
  saved: CompanySettingsView;
  draft: CompanyDraft;
  edit: (patch: Partial<CompanyDraft>) => void;
  /** True for the field the last message box complained about. */
  isInvalid: (field: SettingsField) => boolean;
}

/** The selected row's settings as currently edited, or null while nothing is selected or loaded. */
export function useSelectedCompany(): SelectedCompany | null {
  const companyId = useConsole((s) => s.selectedCompanyId);
  const saved = useConsole((s) => (s.selectedCompanyId ? s.saved[s.selectedCompanyId] : undefined));
  const draftOverride = useConsole((s) => (s.selectedCompanyId ? s.drafts[s.selectedCompanyId] : undefined));
  const invalid = useConsole((s) => s.invalid);
  const editDraft = useConsole((s) => s.editDraft);
  if (!companyId || !saved) return null;
  const draft = currentDraft(
    { drafts: draftOverride ? { [companyId]: draftOverride } : {}, saved: { [companyId]: saved } },
    companyId,
  );
  if (!draft) return null;
  return {
    companyId,
    saved,
    draft,
    edit: (patch) => editDraft(companyId, patch),
    isInvalid: (field) => invalid?.companyId === companyId && invalid.field === field,
  };
}
