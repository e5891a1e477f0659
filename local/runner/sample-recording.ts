/**
 * Synthetic call recordings for the offline stack: a valid stereo 16-bit PCM WAV (customer on the
 * left channel, agent on the right, as Connect records), generated rather than committed.
 *
 * @example
 * ```ts
 * const wav = sampleRecordingWav({ seconds: 2 }); // Buffer, RIFF/WAVE
 * ```
 */

export interface SampleRecordingOptions {
  /** Duration (default 2 s). */
  seconds?: number;
  /** Samples per second (default 8 000, Connect's telephony rate). */
  sampleRate?: number;
  /** Tone frequencies of the left (customer) and right (agent) channels, Hz. */
  tones?: [number, number];
}

/**
 * A synthetic stereo 16-bit PCM WAV (default 2 s at 8 kHz, a tone per channel: customer left, agent
 * right, as Connect records).
 *
 * @example
 * ```ts
 * const wav = sampleRecordingWav({ seconds: 2 });
 * ```
 */
export function sampleRecordingWav(options: SampleRecordingOptions = {}): Buffer {
  const seconds = options.seconds ?? 2;
  const sampleRate = options.sampleRate ?? 8000;
  const [left, right] = options.tones ?? [440, 660];
  const channels = 2;
  const bytesPerSample = 2;
  const frames = Math.round(seconds * sampleRate);
  const dataBytes = frames * channels * bytesPerSample;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(channels, 22);
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * channels * bytesPerSample, 28);
  wav.writeUInt16LE(channels * bytesPerSample, 32);
  wav.writeUInt16LE(bytesPerSample * 8, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  for (let frame = 0; frame < frames; frame++) {
    const t = frame / sampleRate;
    const offset = 44 + frame * channels * bytesPerSample;
    wav.writeInt16LE(Math.round(8000 * Math.sin(2 * Math.PI * left * t)), offset);
    wav.writeInt16LE(Math.round(8000 * Math.sin(2 * Math.PI * right * t)), offset + 2);
  }
  return wav;
}
