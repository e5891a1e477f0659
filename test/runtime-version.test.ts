/**
 * The suite runs on the Node it was asked for: `.ci/run` runs `npm test` with EXPECT_NODE_MAJOR=22
 * (npm runs scripts with the Node 22 that npm ci installs into node_modules/.bin) and
 * `npm run test:host-node` with the machine's own major version, and this proves which it was.
 */
import { describe, expect, it } from 'vitest';

describe('runtime', () => {
  it('is the Node major version the run expects (20 or later when none is named)', () => {
    const major = Number(process.versions.node.split('.')[0]);
    const expected = process.env.EXPECT_NODE_MAJOR;
    if (expected) expect(major).toBe(Number(expected));
    else expect(major).toBeGreaterThanOrEqual(20);
  });
});
