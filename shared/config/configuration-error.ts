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
    this.name = CONFIGURATION_ERROR_NAME;
    this.setting = setting;
  }
}

/** The name of the {@link ConfigurationError}s the shared readers raise. */
export const CONFIGURATION_ERROR_NAME = 'Configuration';

/**
 * Runs `read` and re-raises a shared reader's {@link ConfigurationError} (named `Configuration`)
 * as `rename(error)`, so a function's settings fail under its own dotted name. Every other error,
 * including a configuration error that already has its own name, passes through unchanged.
 *
 * @example
 * ```ts
 * return renameConfigurationErrors(
 *   () => ({ region: readRegion(env) }),
 *   (error) => new ReportSettingsError(error.message, error.setting, { cause: error }),
 * );
 * ```
 */
export function renameConfigurationErrors<T>(
  read: () => T,
  rename: (error: ConfigurationError) => ConfigurationError,
): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ConfigurationError && error.name === CONFIGURATION_ERROR_NAME) throw rename(error);
    throw error;
  }
}
