/** Saves text as a file through the browser's download (Electron shows its "Guardar como"). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  // Excel (es-MX) needs the BOM to read UTF-8; main already adds it, this keeps it exactly once.
  const body = text.startsWith('\uFEFF') ? text : `\uFEFF${text}`;
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the download a moment to start before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
