export { compositeFailure, subresponseError } from '../salesforce/composite-failure.js';
export { namespacePrefix, withNamespace } from '../salesforce/namespace.js';
export {
  ANALYTICS_OBJECT,
  type AnalyticsRecordWrite,
  type AnalyticsRecordWriteResult,
  AnalyticsRecordWriter,
  type JsonAttachment,
} from './analytics-record-writer.js';
export {
  readJsonDocument,
  readJsonObject,
  S3ObjectNotFoundError,
  S3ObjectNotJsonError,
} from './read-json-object.js';
