/** One company of one ERP connection: the unit every run, setting and state row belongs to. */
export interface Scope {
  connectionId: number;
  companyId: string;
}
