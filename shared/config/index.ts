export { ConfigurationError } from './configuration-error.js';
export {
  optionalEnv,
  readBooleanEnv,
  readEnumEnv,
  readIntegerEnv,
  readListEnv,
  requireEnv,
} from './environment.js';
