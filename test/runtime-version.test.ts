/**
 * The suite runs on the Node it was asked for: `.ci/run` runs it once on the machine's Node and
 * once on Node 22 (the Lambda runtime) with EXPECT_NODE_MAJOR=22, and this proves which it was.
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
