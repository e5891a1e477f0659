/**
 * The error bases every function builds on: {@link InvalidInputError} for input that can never be
 * processed and {@link ConfigurationError} for a missing or invalid setting.
 */
export { ConfigurationError } from '../config/configuration-error.js';
export { InvalidInputError } from './invalid-input-error.js';
