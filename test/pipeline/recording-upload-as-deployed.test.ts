/**
 * recording-upload as the stack ships it: bundled with the stack's esbuild settings (no undici in
 * the bundle) and started with its NODE_OPTIONS, it streams a recording from S3 into Salesforce
 * byte for byte. Memory figures are the benchmark's (`npm run bench -- pipeline`); this checks
 * the behaviour.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleUploadFunction, measureRecordingUpload } from '../../bench/support/recording-upload-memory.js';
import { RECORDING_UPLOAD_NODE_OPTIONS } from '../../infra/lib/node-options.js';

/** Packages with code in the bundle (esbuild's metafile also lists inputs it tree-shook away). */
function bundledPackages(metafile: Metafile): Set<string> {
  const names = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];
      if (name !== undefined && bytesInOutput > 0) names.add(name);
    }
  }
  return names;
}

describe('recording-upload as deployed', () => {
  it('its bundle holds no undici code; a client built over undici would', async () => {
    const shipped = await bundleUploadFunction('node-http');
    const withUndici = await bundleUploadFunction('undici');
    try {
      expect(bundledPackages(shipped.metafile)).not.toContain('undici');
      expect(bundledPackages(shipped.metafile)).toContain('@aws-sdk/client-s3');
      expect(bundledPackages(withUndici.metafile)).toContain('undici');
    } finally {
      for (const { script } of [shipped, withUndici]) {
        rmSync(script, { force: true });
        rmSync(`${script}.map`, { force: true });
      }
    }
  }, 60_000);

  it('node accepts its NODE_OPTIONS (Lambda would not start otherwise)', () => {
    const run = spawnSync(process.execPath, ['-e', 'console.log("started")'], {
      env: { ...process.env, NODE_OPTIONS: RECORDING_UPLOAD_NODE_OPTIONS.join(' ') },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('started');
  });

  it('uploads a recording byte for byte with those options', async () => {
    const figures = await measureRecordingUpload(3, {
      transport: 'node-http',
      nodeOptions: RECORDING_UPLOAD_NODE_OPTIONS,
    });
    // measureRecordingUpload throws unless the emulator stored exactly this many bytes.
    expect(figures.bytes).toBe(3 * 1024 * 1024);
  }, 60_000);
});
