/** Longer than this without a newline: reported as a line anyway, so a chatty helper cannot grow memory. */
const MAX_PARTIAL_CHARS = 8192;
/** How many of the latest stderr lines are kept; errors quote the last one. */
const TAIL_LINES = 5;
/** A single stderr line is cut to this many characters before it reaches the log. */
const MAX_LINE_CHARS = 2000;

/** The helper's stderr: every line goes to the diagnostics, and the last ones are kept to explain a failure. */
export class HelperStderr {
  private readonly tail: string[] = [];
  private partial = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(text: string): void {
    const lines = (this.partial + text).split(/\r?\n/);
    this.partial = lines.pop() ?? '';
    if (this.partial.length > MAX_PARTIAL_CHARS) {
      this.note(this.partial);
      this.partial = '';
    }
    for (const line of lines) if (line.trim()) this.note(line);
  }

  /** At exit: a last line without its newline still counts. */
  flush(): void {
    if (this.partial.trim()) this.note(this.partial);
    this.partial = '';
  }

  /** To append to an error message: the helper's last stderr line, or ''. */
  lastMessage(): string {
    const last = this.tail.at(-1);
    return last ? `. Último mensaje del ayudante: «${last}»` : '';
  }

  private note(line: string): void {
    const trimmed = line.trim().slice(0, MAX_LINE_CHARS);
    this.tail.push(trimmed);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
    this.onLine(trimmed);
  }
}
