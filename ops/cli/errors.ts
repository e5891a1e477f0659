/**
 * The errors a command raises on purpose; {@link runProgram} turns each into its exit code.
 *
 * @example
 * ```ts
 * if (!arn) throw new UsageError('no state machine: pass --stack-name or --local'); // exit 2
 * if (found === 0) throw new NothingMatchedError(`no execution found for ${id}`); // exit 1
 * ```
 */

/**
 * A command used wrongly, found out after parsing (e.g. no target given anywhere): printed with
 * the usage line, exit 2. Bad values and unknown options are caught by the parser itself.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * An explicit selection (a contact id, a time window, a queue) that matched nothing: printed as
 * one line, exit 1, the same in every command, so a script can tell "done" from "nothing there".
 */
export class NothingMatchedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NothingMatchedError';
  }
}
