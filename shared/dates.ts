import { DateTime } from 'luxon';

/**
 * A Date in the machine's local time, as a Luxon format (`yyyy-MM-dd HH:mm:ss`, literal text in 'quotes').
 * The one place the app turns instants into the fixed local formats of CSV, tray, file names and SQL.
 */
export function formatLocal(d: Date, format: string): string {
  return DateTime.fromJSDate(d).toFormat(format);
}
