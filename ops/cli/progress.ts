/**
 * Progress of a long operation (redrive, replay-dlq), on stderr: on a terminal one line that
 * rewrites itself (`[12/250] c-1: redrive done`), erased before the final table; when piped, or
 * with `--json`, one plain line per item, so logs and scripts keep every step.
 *
 * @example
 * ```ts
 * const progress = new ItemProgress(io.streams.stderr, { plain: options.json === true });
 * for (const item of items) progress.item(`${item.name}: done`, ++done, items.length);
 * progress.end();
 * ```
 */
import { ProgressLine } from '../../local/runner/progress-line.js';
import type { OutputStream } from './program.js';

/** Reports the items of a long operation as they finish (see the module doc). */
export class ItemProgress {
  readonly #stream: OutputStream;
  readonly #line: ProgressLine;

  constructor(stream: OutputStream, options: { plain?: boolean } = {}) {
    this.#stream = stream;
    this.#line = new ProgressLine(stream, { enabled: options.plain !== true });
  }

  /** True when progress rewrites one line (a terminal, not `--json`). */
  get inPlace(): boolean {
    return this.#line.enabled;
  }

  /** Reports one item; `done`/`total` when known (`[3/10] …`). */
  item(text: string, done?: number, total?: number): void {
    const counted = done === undefined ? text : `[${done}${total === undefined ? '' : `/${total}`}] ${text}`;
    if (this.#line.enabled) this.#line.show(counted);
    else this.#stream.write(`${counted}\n`);
  }

  /** Erases the in-place line before the final output. */
  end(): void {
    this.#line.clear();
  }
}
