/**
 * Types of the contact-flow facade (sfInvokeAPI): the Connect event it receives, the flat map it
 * returns and what every operation is given.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { SalesforceApi } from '../../shared/salesforce/types.js';

/** `Details.Parameters` as Connect sends them: every value a string. */
export type InvokeApiParameters = Record<string, string>;

/**
 * The event Amazon Connect sends to "Invoke AWS Lambda function". Only `Details.Parameters` is
 * used; `ContactData` is accepted (and ignored) so flows built for the original keep working.
 */
export interface ConnectContactFlowEvent {
  Details: {
    ContactData?: Record<string, unknown>;
    Parameters: Record<string, unknown>;
  };
  Name?: string;
}

/** A value Connect accepts in a Lambda response (stored as a contact attribute / `$.External`). */
export type ConnectValue = string | number;

/** The flat map returned to Connect. */
export type ConnectResponse = Record<string, ConnectValue>;

/** Settings of this function (from the environment; see `settings.ts`). */
export interface InvokeApiSettings {
  /** Deadline for one invocation's Salesforce work (SF_INVOKE_API_TIMEOUT_MS, default 7000). */
  timeoutMs: number;
  /**
   * Per-request timeout of the Salesforce client (SF_REQUEST_TIMEOUT_MS). Default: sized to the
   * deadline so that two attempts and their backoff fit in it (3350 for the default 7000).
   */
  requestTimeoutMs: number;
  /**
   * CTI adapter namespace prefix including the `__`, from `SF_ADAPTER_NAMESPACE`. Default
   * `amazonconnect__`; `''` when the variable is blank or `-`.
   */
  namespacePrefix: string;
  /** Region used to read national phone numbers in `phoneLookup` (SF_PHONE_DEFAULT_REGION, default US). */
  phoneDefaultRegion: string;
  /** Records fetched at most when a query pages through `nextRecordsUrl` (SF_INVOKE_API_MAX_RECORDS, default 1000). */
  maxRecords: number;
  /** Largest JSON response Connect accepts, in bytes (fixed: 32768). */
  maxResponseBytes: number;
}

/** Everything an operation needs; operations are plain functions of this. */
export interface OperationContext {
  /** The operation name (`sf_operation`), for error messages. */
  operation: string;
  sf: SalesforceApi;
  settings: InvokeApiSettings;
  /** The time of this call (date expressions use it). */
  now: Date;
  logger?: Logger;
}

/** One `sf_operation`. `run` gets the parameters without `sf_operation`. */
export type Operation = (
  parameters: InvokeApiParameters,
  context: OperationContext,
) => Promise<ConnectResponse>;
