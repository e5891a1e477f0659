/**
 * JSON parsed without losing what `JSON.parse` loses: the order of every object's keys as written
 * (JS objects put integer-like keys such as `"2"` first) and each number's own text (`5.0` stays a
 * float, `12345678901234567890` keeps its digits). Used where text written to Salesforce must be the
 * text the original package wrote from the same source (see `python-json.ts`); logic keeps using
 * `JSON.parse`.
 *
 * A key written twice keeps its first position and its last value, as a Python `dict` does.
 *
 * @example
 * ```ts
 * const source = JsonSource.parse('{"Agent": {"HierarchyGroups": {"Level1": {"Name": "Sales"}}}}');
 * source.get('Agent', 'HierarchyGroups')?.kind; // 'object'
 * source.get('Agent', 'Missing');               // undefined
 * ```
 */
import { type Node as ParsedNode, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';

/** The text is not strict JSON. The message gives the position, never the text itself. */
export class JsonSourceSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'Json.SyntaxError';
  }
}

/** The JSON type of a {@link JsonSource} value. */
export type JsonSourceKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/**
 * A parsed JSON value that remembers key order and number text as written, for output that must
 * match what the original package wrote from the same input.
 *
 * @example
 * ```ts
 * JsonSource.parse('{"b": 5.0, "2": 1}').get('b')?.kind; // 'number'
 * ```
 */
export class JsonSource {
  private constructor(
    /** What the value is. */
    readonly kind: JsonSourceKind,
    private readonly members: ReadonlyMap<string, JsonSource> | undefined,
    private readonly elements: readonly JsonSource[] | undefined,
    /** String content, boolean, or the number's text as written; null for null and containers. */
    private readonly scalar: string | boolean | null,
  ) {}

  /** Parses strict JSON (no comments, no trailing commas; a leading byte-order mark is ignored). */
  static parse(text: string): JsonSource {
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const errors: ParseError[] = [];
    const tree = parseTree(body, errors, {
      disallowComments: true,
      allowTrailingComma: false,
      allowEmptyContent: false,
    });
    const first = errors[0];
    if (first !== undefined || tree === undefined) {
      const offset = first?.offset ?? 0;
      const reason = first === undefined ? 'no value' : printParseErrorCode(first.error);
      throw new JsonSourceSyntaxError(`not valid JSON: ${reason} at position ${offset}`, offset);
    }
    return JsonSource.fromNode(tree, body);
  }

  private static fromNode(node: ParsedNode, text: string): JsonSource {
    switch (node.type) {
      case 'object': {
        const members = new Map<string, JsonSource>();
        for (const property of node.children ?? []) {
          const [key, value] = property.children ?? [];
          if (key === undefined || value === undefined) continue;
          members.set(String(key.value), JsonSource.fromNode(value, text));
        }
        return new JsonSource('object', members, undefined, null);
      }
      case 'array':
        return new JsonSource(
          'array',
          undefined,
          (node.children ?? []).map((child) => JsonSource.fromNode(child, text)),
          null,
        );
      case 'number':
        return new JsonSource(
          'number',
          undefined,
          undefined,
          text.slice(node.offset, node.offset + node.length),
        );
      case 'string':
        return new JsonSource('string', undefined, undefined, String(node.value));
      case 'boolean':
        return new JsonSource('boolean', undefined, undefined, node.value === true);
      default:
        return new JsonSource('null', undefined, undefined, null);
    }
  }

  /** The value at `path` (keys of objects, indexes of arrays), or undefined when there is none. */
  get(...path: ReadonlyArray<string | number>): JsonSource | undefined {
    let current: JsonSource | undefined = this;
    for (const step of path) {
      if (current === undefined) return undefined;
      if (typeof step === 'number') current = current.elements?.[step];
      else current = current.members?.get(step);
    }
    return current;
  }

  /** An object's members in source order (empty for anything else). */
  entries(): Array<[string, JsonSource]> {
    return [...(this.members ?? new Map()).entries()];
  }

  /** An array's items (empty for anything else). */
  items(): JsonSource[] {
    return [...(this.elements ?? [])];
  }

  /** A number's text as written (`5.0`, `-0`, `1e5`); undefined for other kinds. */
  get numberText(): string | undefined {
    return this.kind === 'number' ? (this.scalar as string) : undefined;
  }

  /** A string's content; undefined for other kinds. */
  get stringValue(): string | undefined {
    return this.kind === 'string' ? (this.scalar as string) : undefined;
  }

  /** A boolean's value; undefined for other kinds. */
  get booleanValue(): boolean | undefined {
    return this.kind === 'boolean' ? (this.scalar as boolean) : undefined;
  }

  /** An empty object, empty array or null: "nothing there". */
  get isEmpty(): boolean {
    return (
      this.kind === 'null' ||
      (this.kind === 'object' && this.members?.size === 0) ||
      (this.kind === 'array' && this.elements?.length === 0)
    );
  }
}
