import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureOutputLines, type OutputLines } from '../../test/support/output-lines.js';
import { SalesforceRequestError } from '../salesforce/errors.js';
import { errorSummary, logFailure } from './error-summary.js';
import { createLogger, MAX_LOG_LINE_BYTES } from './logger.js';

let lines: string[] = [];
const saved = { dev: process.env.POWERTOOLS_DEV, level: process.env.POWERTOOLS_LOG_LEVEL };

let output: OutputLines;

// As deployed: one JSON line per entry on stdout (the test setup's dev mode pretty-prints), at INFO.
beforeEach(() => {
  delete process.env.POWERTOOLS_DEV;
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  output = captureOutputLines();
  lines = output.lines;
});
afterEach(() => {
  output.stop();
  process.env.POWERTOOLS_DEV = saved.dev;
  process.env.POWERTOOLS_LOG_LEVEL = saved.level;
});

describe('createLogger: every line within the cap', () => {
  it('shortens long strings of an over-long line and says by how much', () => {
    const logger = createLogger('test');
    logger.info('big', { blob: 'x'.repeat(50_000), small: 'kept' });
    expect(lines).toHaveLength(1);
    expect(Buffer.byteLength(lines[0])).toBeLessThanOrEqual(MAX_LOG_LINE_BYTES);
    const line = JSON.parse(lines[0]);
    expect(line.small).toBe('kept');
    expect(line.blob).toMatch(/^x{512}…\[49488 more chars\]$/);
    expect(line.truncated.originalBytes).toBeGreaterThan(50_000);
  });

  it('keeps only the essential keys when many values are still too long together', () => {
    const logger = createLogger('test');
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'y'.repeat(600)]));
    logger.warn('many', many);
    const line = JSON.parse(lines[0]);
    expect(Buffer.byteLength(lines[0])).toBeLessThanOrEqual(MAX_LOG_LINE_BYTES);
    expect(line).toMatchObject({ level: 'WARN', message: 'many', service: 'test' });
    expect(line.truncated.droppedKeys).toContain('k39');
    expect(line.k0).toBeUndefined();
  });

  it('leaves ordinary lines alone (children too)', () => {
    const child = createLogger('test').createChild({ persistentKeys: { contactId: 'c-1' } });
    child.info('small', { n: 1 });
    child.info('big', { blob: 'z'.repeat(20_000) });
    expect(JSON.parse(lines[0])).toMatchObject({ message: 'small', n: 1, contactId: 'c-1' });
    expect(JSON.parse(lines[0]).truncated).toBeUndefined();
    expect(Buffer.byteLength(lines[1])).toBeLessThanOrEqual(MAX_LOG_LINE_BYTES);
  });
});

describe('logFailure', () => {
  const rejected = new SalesforceRequestError(
    'POST /sobjects/Case failed: STRING_TOO_LONG: Subject: data value too large: Jane Doe, 12 High Street',
    {
      status: 400,
      details: [
        {
          errorCode: 'STRING_TOO_LONG',
          message: 'Subject: data value too large: Jane Doe, 12 High Street',
          fields: ['Subject'],
        },
      ],
    },
  );

  it('logs the error name, status, Salesforce codes and fields above DEBUG, never the message', () => {
    const logger = createLogger('test');
    logFailure(logger, 'warn', 'create failed', rejected, { operation: 'create' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('Jane Doe');
    expect(JSON.parse(lines[0])).toMatchObject({
      level: 'WARN',
      message: 'create failed',
      operation: 'create',
      errorName: 'Salesforce.Request',
      httpStatus: 400,
      errorCodes: ['STRING_TOO_LONG'],
      errorFields: ['Subject'],
    });
  });

  it('writes the message at DEBUG only', () => {
    const logger = createLogger('test');
    logger.setLogLevel('DEBUG');
    logFailure(logger, 'error', 'create failed', rejected);
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1])).toMatchObject({
      level: 'DEBUG',
      errorMessage: expect.stringContaining('Jane Doe'),
    });
  });

  it('summarises causes and non-Error throws', () => {
    const wrapped = new Error('flow failed: Jane Doe', { cause: rejected });
    expect(errorSummary(wrapped)).toEqual({
      errorName: 'Error',
      cause: {
        errorName: 'Salesforce.Request',
        httpStatus: 400,
        errorCodes: ['STRING_TOO_LONG'],
        errorFields: ['Subject'],
      },
    });
    expect(errorSummary('Jane Doe')).toEqual({ errorName: 'string' });
  });
});
