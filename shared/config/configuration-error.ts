/** A setting is missing or invalid. `setting` names the environment variable or key to fix. */
export class ConfigurationError extends Error {
  readonly setting: string;

  constructor(message: string, setting: string) {
    super(message);
    this.name = 'Configuration';
    this.setting = setting;
  }
}
