/**
 * A streamed `multipart/form-data` body for blob inserts: part
 * `entity_content` (the record's JSON) then part `VersionData` (the file), written around the
 * source stream chunk by chunk so a recording is never held in memory whole.
 *
 * @example
 * ```ts
 * const { contentType, body } = multipartBody({ Title: 'Call' }, 'VersionData', 'call.wav', 'audio/wav', s3Stream);
 * await pool.request({ method: 'POST', path, body, headers: { 'content-type': contentType } });
 * ```
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

/** A streamed `multipart/form-data` body and its content type (with the boundary). */
export interface MultipartBody {
  contentType: string;
  /** Streams the parts; pulls from the file only as the socket drains. */
  body: Readable;
}

/**
 * Builds the multipart body Salesforce expects for a file upload: the entity as JSON in
 * `entity_content`, then the file under `fileField`, streamed as the socket drains.
 *
 * @example
 * ```ts
 * const { contentType, body } = multipartBody({ Title: 'call' }, 'VersionData', 'call.wav', 'audio/wav', stream);
 * ```
 */
export function multipartBody(
  entity: Record<string, unknown>,
  fileField: string,
  fileName: string,
  fileContentType: string,
  file: Readable | Buffer | string,
): MultipartBody {
  const boundary = `----sfBoundary${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\n` +
      'Content-Disposition: form-data; name="entity_content"\r\n' +
      'Content-Type: application/json\r\n\r\n' +
      `${JSON.stringify(entity)}\r\n` +
      `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="${quoted(fileField)}"; filename="${quoted(fileName)}"\r\n` +
      `Content-Type: ${fileContentType.replace(/[\r\n]/g, '')}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: Readable.from(parts(head, file, tail), { objectMode: false }),
  };
}

async function* parts(head: Buffer, file: Readable | Buffer | string, tail: Buffer): AsyncGenerator<Buffer> {
  yield head;
  if (typeof file === 'string') yield Buffer.from(file);
  else if (Buffer.isBuffer(file)) yield file;
  else {
    for await (const chunk of file) yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
  }
  yield tail;
}

/** Header parameter value: no quotes or line breaks can escape it. */
function quoted(value: string): string {
  return value.replace(/["\r\n\\]/g, '_');
}
