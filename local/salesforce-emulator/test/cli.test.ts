import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));

describe('salesforce-emulator CLI', () => {
  it('starts on a free port, prints URL and credentials that work, stops on SIGINT', async () => {
    const child = spawn(
      process.execPath,
      [TSX, CLI, '--port', '0', '--namespace', 'amazonconnect', '--no-seed'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let output = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('Press Ctrl+C')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`CLI exited early (${code}): ${output}`)));
      });
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      const field = (name: string) => new RegExp(`${name}:\\s+(\\S+)`).exec(output)?.[1] ?? '';
      expect(url).toBeDefined();
      const token = await fetch(`${url}/services/oauth2/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: field('Consumer key'),
          client_secret: field('Consumer secret'),
          username: field('Username'),
          password: field('Password') + field('Security token'),
        }),
      });
      expect(token.status).toBe(200);
      const { access_token } = (await token.json()) as { access_token: string };
      const describe = await fetch(
        `${url}/services/data/v62.0/sobjects/amazonconnect__AC_ContactTraceRecord__c/describe`,
        {
          headers: { authorization: `Bearer ${access_token}` },
        },
      );
      expect(describe.status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
