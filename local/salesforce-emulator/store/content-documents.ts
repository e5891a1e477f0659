/**
 * Files: a ContentVersion without ContentDocumentId creates its ContentDocument
 * (069) and ContentDocumentLinks (owner + FirstPublishLocationId); one with ContentDocumentId
 * adds a version. A second link for the same document and entity is DUPLICATE_VALUE.
 */
import { createHash } from 'node:crypto';
import { SalesforceApiError } from '../errors.js';
import type { RecordService } from './record-service.js';
import type { StoredRecord } from './record-store.js';

const FILE_TYPES: Record<string, string> = {
  wav: 'WAV',
  mp3: 'MP3',
  json: 'JSON',
  txt: 'TEXT',
  csv: 'CSV',
  pdf: 'PDF',
  png: 'PNG',
  jpg: 'JPG',
  jpeg: 'JPG',
  html: 'HTML',
  xml: 'XML',
  zip: 'ZIP',
};

/**
 * The org's file behaviour on ContentVersion writes: a first version creates its ContentDocument
 * and links (owner and `FirstPublishLocationId`), a later one adds a version, a second link of the
 * same document and record is `DUPLICATE_VALUE`.
 */
export function registerContentHooks(service: RecordService): void {
  service.registerHooks('ContentVersion', {
    beforeCreate(record, records) {
      if (typeof record.VersionData !== 'string') {
        throw new SalesforceApiError(
          400,
          'REQUIRED_FIELD_MISSING',
          'Required fields are missing: [VersionData]',
          ['VersionData'],
        );
      }
      const documentId = record.ContentDocumentId;
      if (
        typeof documentId !== 'string' &&
        (typeof record.PathOnClient !== 'string' || record.PathOnClient === '')
      ) {
        throw new SalesforceApiError(
          400,
          'REQUIRED_FIELD_MISSING',
          'Required fields are missing: [PathOnClient]',
          ['PathOnClient'],
        );
      }
      const bytes = Buffer.from(record.VersionData, 'base64');
      const path = typeof record.PathOnClient === 'string' ? record.PathOnClient : '';
      const extension = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
      record.ContentSize = bytes.length;
      record.FileExtension = extension || null;
      record.FileType = FILE_TYPES[extension] ?? 'UNKNOWN';
      record.Checksum = createHash('md5').update(bytes).digest('hex');
      record.IsLatest = true;
      if (typeof record.Title !== 'string' || record.Title === '')
        record.Title = path.replace(/\.[^.]*$/, '') || 'Untitled';
      if (typeof documentId === 'string') {
        const document = records.live(records.object('ContentDocument'), documentId);
        const versions =
          records.context.store.withValue('ContentVersion', 'ContentDocumentId', document.Id) ?? [];
        record.VersionNumber = String(versions.length + 1);
      } else record.VersionNumber = '1';
    },
    afterCreate(version, records) {
      const documentObject = records.object('ContentDocument');
      const linkObject = records.object('ContentDocumentLink');
      const versionObject = records.object('ContentVersion');
      const documentFields = {
        Title: version.Title,
        FileType: version.FileType,
        FileExtension: version.FileExtension,
        ContentSize: version.ContentSize,
        LatestPublishedVersionId: version.Id,
      };
      if (typeof version.ContentDocumentId === 'string') {
        const versions = records.context.store.withValue(
          'ContentVersion',
          'ContentDocumentId',
          version.ContentDocumentId,
        );
        for (const previous of versions ?? []) {
          if (previous.Id !== version.Id) {
            records.update(versionObject, previous.Id, { IsLatest: false }, { system: true });
          }
        }
        records.update(documentObject, version.ContentDocumentId, documentFields, { system: true });
        return;
      }
      const document = records.create(documentObject, documentFields, { system: true });
      records.update(versionObject, version.Id, { ContentDocumentId: document.Id }, { system: true });
      records.create(
        linkObject,
        { ContentDocumentId: document.Id, LinkedEntityId: records.context.apiUserId, ShareType: 'I' },
        { system: true },
      );
      const location = version.FirstPublishLocationId;
      if (typeof location === 'string' && location !== records.context.apiUserId) {
        records.create(
          linkObject,
          { ContentDocumentId: document.Id, LinkedEntityId: location, ShareType: 'V' },
          { system: true },
        );
      }
    },
  });
  service.registerHooks('ContentDocumentLink', {
    validateCreate(record, records) {
      const links = records.context.store.withValue(
        'ContentDocumentLink',
        'ContentDocumentId',
        record.ContentDocumentId,
      );
      const duplicate = links?.find((link) => link.LinkedEntityId === record.LinkedEntityId);
      if (duplicate !== undefined) {
        throw new SalesforceApiError(
          400,
          'DUPLICATE_VALUE',
          `duplicate value found: ContentDocumentId, LinkedEntityId duplicates value on record with id: ${duplicate.Id}`,
          [],
        );
      }
    },
  });
  service.registerHooks('ContentDocument', {
    afterDelete(document: StoredRecord, records) {
      const store = records.context.store;
      for (const version of store.withValue('ContentVersion', 'ContentDocumentId', document.Id) ?? [])
        records.delete(records.object('ContentVersion'), version.Id);
      for (const link of store.withValue('ContentDocumentLink', 'ContentDocumentId', document.Id) ?? [])
        records.delete(records.object('ContentDocumentLink'), link.Id);
    },
  });
}
