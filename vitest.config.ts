import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    // test/org runs against a configured org: `npm run test:org` (vitest.org.config.ts).
    exclude: ['node_modules/**', '**/cdk.out/**', 'test/org/**'],
    setupFiles: ['./test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: {
      AWS_REGION: 'us-east-1',
      POWERTOOLS_DEV: 'true',
      // Tests assert on behaviour, not on log lines: keep CI output readable. Tests about logging set their own level.
      POWERTOOLS_LOG_LEVEL: 'WARN',
      POWERTOOLS_TRACE_ENABLED: 'false',
      POWERTOOLS_METRICS_DISABLED: 'true',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    },
  },
});
