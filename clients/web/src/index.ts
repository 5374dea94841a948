export { createRealtime, RealtimeClient, CloseCode } from './client.js';
export type { Realtime } from './client.js';
export { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
export type { BackoffOptions } from './backoff.js';
export { isValidPattern, matches, subscriptionFor } from './patterns.js';
export { RecentIds } from './recent-ids.js';
export type * from './types.js';
export { EVENTS, EVENT_NAMES } from './generated/catalog.js';
export type * from './generated/catalog.js';
