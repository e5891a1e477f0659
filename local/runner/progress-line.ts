/**
 * One status line that rewrites itself in place on a terminal (`\r` + erase line), for long local
 * runs. Nothing is written unless the stream is a TTY, so piped output and `--json` stay plain.
 *
 * @example
 * ```ts
 * const line = new ProgressLine(process.stderr, { enabled: !json });
 * line.show('120/1000 contacts, 121 API calls');
 * line.clear(); // before printing the report
 * ```
 */

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/**
 * One status line rewritten in place on a terminal; writes nothing when the stream is not a TTY,
 * so piped output and `--json` stay plain.
 *
 * @example
 * ```ts
 * const line = new ProgressLine(process.stderr);
 * line.show('120/1000 contacts');
 * line.clear();
 * ```
 */
export class ProgressLine {
  readonly enabled: boolean;
  #shown = false;

  constructor(
    private readonly stream: ProgressStream,
    options: { enabled?: boolean } = {},
  ) {
    this.enabled = (options.enabled ?? true) && stream.isTTY === true;
  }

  show(text: string): void {
    if (!this.enabled) return;
    const width = Math.max((this.stream.columns || 80) - 1, 10);
    const fitted = text.length <= width ? text : `${text.slice(0, width - 1)}…`;
    this.stream.write(`\r\x1b[2K${fitted}`);
    this.#shown = true;
  }

  /** Erases the line (if one is shown) so the next output starts on a clean line. */
  clear(): void {
    if (!this.#shown) return;
    this.stream.write('\r\x1b[2K');
    this.#shown = false;
  }
}
