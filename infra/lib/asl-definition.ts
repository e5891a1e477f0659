/**
 * Reads an ASL file the way the stack needs it: the `${Name}` substitutions it expects and every
 * Task it runs (including those inside Parallel branches and Map iterators), so the state
 * machine role can be derived from what the definition actually calls.
 *
 * @example
 * ```ts
 * const asl = AslDefinition.fromFile(POST_CALL_ASL_PATH);
 * asl.substitutionNames(); // ['ContactImportFunctionArn', ...]
 * asl.tasks();             // [{ stateName: 'Import contact trace record and recording', resource: '...', parameters: {...} }]
 * ```
 */
import { readFileSync } from 'node:fs';
import { isObject } from '../../shared/values/is-object.js';

/** One Task state of an ASL definition, wherever it is nested. */
export interface AslTask {
  /** Readable state name, used in error messages. */
  readonly stateName: string;
  /** The Task's `Resource` (may itself be a `${...}` substitution). */
  readonly resource: string;
  /** The Task's `Parameters`, if any. */
  readonly parameters: Record<string, unknown> | undefined;
}

type JsonObject = Record<string, unknown>;

const SUBSTITUTION = /\$\{([A-Za-z0-9_]+)\}/g;

/**
 * A parsed ASL file: its text as deployed, the `${Name}` substitutions it expects and every Task it
 * runs (Parallel branches and Map iterators included), from which the state machine role is derived.
 *
 * @example
 * ```ts
 * const asl = AslDefinition.fromFile(POST_CALL_ASL_PATH);
 * asl.substitutionNames(); // ['ContactImportFunctionArn', ...]
 * ```
 */
export class AslDefinition {
  private constructor(
    /** The file's text, as it goes into DefinitionString. */
    readonly text: string,
    private readonly document: JsonObject,
  ) {}

  static fromFile(path: string): AslDefinition {
    return AslDefinition.fromText(readFileSync(path, 'utf8'));
  }

  static fromText(text: string): AslDefinition {
    const document: unknown = JSON.parse(text);
    if (!isObject(document) || !isObject(document.States)) {
      throw new Error('ASL definition has no States object');
    }
    return new AslDefinition(text, document);
  }

  /** Distinct `${Name}` placeholders, in order of first appearance. */
  substitutionNames(): string[] {
    return [...new Set([...this.text.matchAll(SUBSTITUTION)].map((m) => m[1]))];
  }

  /** Every Task state, depth-first through Parallel branches and Map iterators. */
  tasks(): AslTask[] {
    const found: AslTask[] = [];
    const visit = (states: unknown): void => {
      if (!isObject(states)) return;
      for (const [stateName, state] of Object.entries(states)) {
        if (!isObject(state)) continue;
        if (state.Type === 'Task' && typeof state.Resource === 'string') {
          found.push({
            stateName,
            resource: state.Resource,
            parameters: isObject(state.Parameters) ? state.Parameters : undefined,
          });
        }
        if (Array.isArray(state.Branches)) {
          for (const branch of state.Branches) if (isObject(branch)) visit(branch.States);
        }
        for (const key of ['Iterator', 'ItemProcessor']) {
          const inner = state[key];
          if (isObject(inner)) visit(inner.States);
        }
      }
    };
    visit(this.document.States);
    return found;
  }
}

/** The placeholder name when `value` is exactly `${Name}`, else undefined. */
export function wholeSubstitution(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\$\{([A-Za-z0-9_]+)\}$/.exec(value);
  return match?.[1];
}

/**
 * The literal key prefix a Parameters field pins down: a static string as is, or the text before
 * the first `{}` of a `States.Format('prefix/{}...', ...)` expression; '' when nothing is fixed.
 */
export function literalKeyPrefix(parameters: Record<string, unknown> | undefined, field: string): string {
  if (!parameters) return '';
  const fixed = parameters[field];
  if (typeof fixed === 'string') return fixed;
  const dynamic = parameters[`${field}.$`];
  if (typeof dynamic === 'string') {
    const format = /^States\.Format\('([^'{]*)/.exec(dynamic);
    if (format) return format[1];
  }
  return '';
}

/**
 * The fixed key prefix under which the definition has Transcribe write transcripts (the folder
 * part of `startTranscriptionJob`'s OutputKey), or '' when there is none.
 */
export function transcriptOutputPrefix(definition: AslDefinition): string {
  const task = definition
    .tasks()
    .find((t) => t.resource === 'arn:aws:states:::aws-sdk:transcribe:startTranscriptionJob');
  return task ? literalKeyPrefix(task.parameters, 'OutputKey').replace(/[^/]*$/, '') : '';
}
