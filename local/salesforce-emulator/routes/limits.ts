/** `GET /limits`, consistent with the Sforce-Limit-Info header. */
import { methodNotAllowed } from '../errors.js';
import { type EmulatorRequest, type EmulatorResponse, json } from '../http-types.js';
import type { Services } from '../services.js';

/** `/limits`: the org's daily API requests (max and remaining) and fixed values for other limits. */
export function limitsRoute(services: Services, request: EmulatorRequest): EmulatorResponse {
  if (request.method !== 'GET') throw methodNotAllowed(request.method, ['GET']);
  const max = services.usage.dailyLimit;
  const remaining = Math.max(0, max - services.usage.used());
  const fixed = (value: number) => ({ Max: value, Remaining: value });
  return json(200, {
    ConcurrentAsyncGetReportInstances: fixed(200),
    ConcurrentSyncReportRuns: fixed(20),
    DailyApiRequests: { Max: max, Remaining: remaining },
    DailyAsyncApexExecutions: fixed(250000),
    DailyBulkApiBatches: fixed(15000),
    DailyBulkV2QueryFileStorageMB: fixed(976562),
    DailyBulkV2QueryJobs: fixed(10000),
    DailyGenericStreamingApiEvents: fixed(10000),
    DailyStreamingApiEvents: fixed(1000000),
    DataStorageMB: fixed(1024),
    FileStorageMB: fixed(10240),
    HourlyTimeBasedWorkflow: fixed(1000),
    SingleEmailMessages: fixed(5000),
  });
}
