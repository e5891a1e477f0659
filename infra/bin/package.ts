/** `npm run package`: the release for the console, the CLI and the Serverless Application Repository (infra/release/). */
import { main } from '../release/package-cli.js';

process.exitCode = await main(process.argv.slice(2));
