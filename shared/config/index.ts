export { ConfigurationError } from './configuration-error.js';
export { optionalEnv, readBooleanEnv, readEnumEnv, readIntegerEnv, requireEnv } from './environment.js';
export * from './common-settings.js';
