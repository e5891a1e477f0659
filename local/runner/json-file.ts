/**
 * Writes a large JSON value to a file atomically without building it as one string: the outer
 * levels (objects and arrays) are written piece by piece and only the values below them are
 * stringified, so saving the state of a long local run needs memory for one record, not for the
 * whole file. The text is exactly `JSON.stringify(value)` followed by a newline.
 *
 * @example
 * ```ts
 * writeJsonFile('.local-state/executions.json', { version: 1, executions });
 * ```
 */
import { closeSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** How many levels are written piece by piece (e.g. state → tables → object → rows). */
const STREAMED_LEVELS = 4;
const FLUSH_CHARACTERS = 1 << 20;

/**
 * Writes `value` to `file` as `JSON.stringify(value)` plus a newline, atomically (temporary file,
 * then rename) and without building the whole text in memory.
 *
 * @example
 * ```ts
 * writeJsonFile('.local-state/executions.json', { version: 1, executions });
 * ```
 */
export function writeJsonFile(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    const output = new BufferedOutput(fd);
    writeValue(output, value, STREAMED_LEVELS);
    output.write('\n');
    output.flush();
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

class BufferedOutput {
  #pending: string[] = [];
  #length = 0;

  constructor(private readonly fd: number) {}

  write(text: string): void {
    this.#pending.push(text);
    this.#length += text.length;
    if (this.#length >= FLUSH_CHARACTERS) this.flush();
  }

  flush(): void {
    if (this.#length === 0) return;
    writeSync(this.fd, this.#pending.join(''));
    this.#pending = [];
    this.#length = 0;
  }
}

/** Values JSON.stringify leaves out of objects (and writes as null in arrays). */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function writeValue(output: BufferedOutput, value: unknown, levels: number): void {
  if (
    levels === 0 ||
    value === null ||
    typeof value !== 'object' ||
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    output.write(JSON.stringify(value) ?? 'null');
    return;
  }
  if (Array.isArray(value)) {
    output.write('[');
    value.forEach((item, index) => {
      if (index > 0) output.write(',');
      writeValue(output, omitted(item) ? null : item, levels - 1);
    });
    output.write(']');
    return;
  }
  output.write('{');
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    if (omitted(item)) continue;
    output.write(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    writeValue(output, item, levels - 1);
  }
  output.write('}');
}
