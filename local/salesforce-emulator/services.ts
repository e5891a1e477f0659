/** The services a route may use; one set per emulator instance. */
import type { ApiUsageMeter } from './api-usage.js';
import type { EmulatorContext } from './context.js';
import type { EmulatorRequest, EmulatorResponse } from './http-types.js';
import type { QueryCursors } from './soql/cursors.js';
import type { QueryEngine } from './soql/query-engine.js';
import type { SearchService } from './sosl/search-service.js';
import type { RecordService } from './store/record-service.js';

/** The services a route may use; one set per emulator instance. */
export interface Services {
  readonly context: EmulatorContext;
  readonly records: RecordService;
  readonly queries: QueryEngine;
  readonly cursors: QueryCursors;
  readonly search: SearchService;
  readonly usage: ApiUsageMeter;
  /** Routes a request below `/services/data/vNN.N` (used by /composite for its subrequests). */
  dispatch(request: EmulatorRequest): Promise<EmulatorResponse>;
}
