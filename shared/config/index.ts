export { ConfigurationError } from './configuration-error.js';
export { optionalEnv, readBooleanEnv, readEnumEnv, readIntegerEnv, requireEnv } from './environment.js';
