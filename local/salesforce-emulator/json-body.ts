/** Request body parsing with Salesforce's JSON_PARSER_ERROR answers. */
import { jsonParserError } from './errors.js';

/** Parses a request body as JSON; empty or invalid text is Salesforce's `JSON_PARSER_ERROR`. */
export function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') throw jsonParserError('No content to map due to end-of-input');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw jsonParserError(`Unexpected character in JSON body: ${(error as Error).message}`);
  }
}

/** Parses a request body that must be a JSON object; anything else is `JSON_PARSER_ERROR`. */
export function parseJsonObject(body: Buffer, what = 'the request body'): Record<string, unknown> {
  const value = parseJson(body);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw jsonParserError(
      `Cannot deserialize ${what} from ${Array.isArray(value) ? 'START_ARRAY' : 'a non-object'} value`,
    );
  }
  return value as Record<string, unknown>;
}
