export { ContactBusyError, VersionStoreUnavailableError } from './errors.js';
export { contactVersionFenceFromEnvironment } from './from-environment.js';
export { CONTACT_VERSION_KEY, CONTACT_VERSION_TABLE_ENV, CONTACT_VERSION_TTL_ATTRIBUTE } from './table.js';
export type { ClaimRequest, FenceClaim, FenceRelease, WrittenVersion } from './types.js';
export { ContactVersionFence, fenceVersion, UNVERSIONED } from './version-fence.js';
