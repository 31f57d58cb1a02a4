/**
 * The texts of a JSON array's elements exactly as written, so raw elements keep their bytes (`1.50`, `1e400`,
 * repeated keys) instead of what JSON.parse + JSON.stringify would make of them. `text` must already be known
 * to be a valid JSON array (JSON.parse accepted it).
 */
export function jsonArrayElementTexts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  const cut = (end: number): void => {
    const part = text.slice(start, end).trim();
    if (part !== '') parts.push(part); // only `[]` has an empty segment
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '[' || c === '{') {
      if (depth++ === 0) start = i + 1;
    } else if (c === ']' || c === '}') {
      if (--depth === 0) cut(i);
    } else if (c === ',' && depth === 1) {
      cut(i);
      start = i + 1;
    }
  }
  return parts;
}
