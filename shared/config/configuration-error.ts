/**
 * A setting is missing or invalid: the base of every configuration error (the functions' own keep
 * their dotted names). `setting` names the environment variable or secret key to fix. Retrying
 * cannot help until the stack is fixed, so no Retry of the post-call state machine matches it.
 *
 * @example
 * ```ts
 * throw new ConfigurationError('Environment variable SF_HOST is required but not set', 'SF_HOST');
 * ```
 */
export class ConfigurationError extends Error {
  readonly setting: string;

  constructor(message: string, setting: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'Configuration';
    this.setting = setting;
  }
}
