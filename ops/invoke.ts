/**
 * `npm run invoke`: runs sfInvokeAPI on sample events, or the seed guide's whole validation
 * (`--walkthrough`), locally against an embedded Salesforce emulator, against a real org, or
 * against a deployed Lambda. See `ops/invoke/cli.ts` for the options.
 *
 * @example
 * ```sh
 * npm run invoke -- --walkthrough
 * ```
 */
// Set before the AWS SDK loads: the Node 20 support notice would clutter every run's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { main } = await import('./invoke/cli.js');

process.exitCode = await main(process.argv.slice(2));
