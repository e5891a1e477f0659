import { defineConfig } from 'vitest/config';

/**
 * `npm run test:org`: the contract suite against the org in the SF_* environment (test/org/), one
 * file at a time (one org). Unlike the main suite it sets no AWS credentials: against a real org
 * the credentials secret may be read from Secrets Manager.
 */
export default defineConfig({
  test: {
    include: ['test/org/**/*.org.test.ts'],
    globalSetup: ['./test/org/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: {
      AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
      POWERTOOLS_DEV: 'true',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      POWERTOOLS_TRACE_ENABLED: 'false',
      POWERTOOLS_METRICS_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  },
});
