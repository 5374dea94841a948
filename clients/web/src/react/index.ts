import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';

import { RealtimeClient } from '../client.js';
import { UnreadCountTracker, type FetchUnreadCount, type UnreadCount } from '../unread.js';
import type {
  AnalyticsData,
  ConnectionData,
  EventName,
  MetricsData,
  NotificationData,
  SignalAssignedData,
  SignalData,
} from '../generated/catalog.js';
import type { ConnectionState, EventFor, Pattern, RealtimeOptions, SystemFrame } from '../types.js';

const RealtimeContext = createContext<RealtimeClient | null>(null);

export type RealtimeProviderProps =
  | { readonly client: RealtimeClient; readonly enabled?: boolean; readonly children?: ReactNode }
  | ({ readonly client?: undefined; readonly enabled?: boolean; readonly children?: ReactNode } & RealtimeOptions);

/**
 * Provides one realtime client to a page. Either pass a `client` you created, or the options to
 * create one (read once; the provider owns it and closes it on unmount). `enabled` (default true)
 * connects while the user is signed in and closes the connection when it turns false.
 */
export function RealtimeProvider(props: RealtimeProviderProps): ReactNode {
  const { enabled = true, children } = props;
  const latest = useRef(props);
  latest.current = props;
  // created once; token and onResync always call the latest props
  const [owned] = useState<RealtimeClient | null>(() =>
    props.client
      ? null
      : new RealtimeClient({
          ...(props as RealtimeOptions),
          autoConnect: false,
          token: () => (latest.current as RealtimeOptions).token(),
          onResync: (info) => (latest.current as RealtimeOptions).onResync?.(info),
        }),
  );
  const client = props.client ?? owned!;
  useEffect(() => {
    if (!enabled) {
      client.close();
      return undefined;
    }
    client.connect();
    return client === owned ? () => client.close() : undefined;
  }, [client, owned, enabled]);
  return createElement(RealtimeContext.Provider, { value: client }, children);
}

/** The client of the nearest `RealtimeProvider`. */
export function useRealtime(): RealtimeClient {
  const client = useContext(RealtimeContext);
  if (!client) {
    throw new Error('useRealtime() needs a <RealtimeProvider> above it');
  }
  return client;
}

/** The connection state, re-rendering on every change (connecting, catchingUp, live, offline, authFailed). */
export function useConnectionState(): ConnectionState {
  const client = useRealtime();
  const subscribe = useCallback((onChange: () => void) => client.onStateChange(onChange), [client]);
  return useSyncExternalStore(
    subscribe,
    () => client.state,
    () => client.state,
  );
}

/**
 * Calls `handler` for every event matching `pattern` while the component is mounted. The latest
 * `handler` is always called (no need to memoize it); the listener is removed on unmount, and the
 * page's subscription shrinks with it.
 */
export function useRealtimeEvent<P extends Pattern>(
  pattern: P,
  handler: (event: P extends `system:${string}` ? SystemFrame : EventFor<P>) => void,
): void {
  const client = useRealtime();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => client.on(pattern, (event) => latest.current(event)), [client, pattern]);
}

/** The last event matching `pattern` (null until one arrives), optionally only those `accept` lets through. */
export function useLastEvent<P extends Exclude<Pattern, `system:${string}`>>(
  pattern: P,
  accept?: (event: EventFor<P>) => boolean,
): EventFor<P> | null {
  const [last, setLast] = useState<EventFor<P> | null>(null);
  const acceptRef = useRef(accept);
  acceptRef.current = accept;
  useRealtimeEvent(pattern, ((event: EventFor<P>) => {
    if (!acceptRef.current || acceptRef.current(event)) {
      setLast(event);
    }
  }) as never);
  return last;
}

type SignalEvent = EventFor<'signal:*'>;

export interface SignalUpdatesOptions {
  /** Only this signal's events. */
  readonly signalId?: string;
  /** Called for each event (e.g. to patch a list). */
  readonly onEvent?: (event: SignalEvent) => void;
}

/**
 * Signal events (`signal:*`: created, updated, published, removed, assigned, statusChanged,
 * matchGenerated). Returns the last one; pass `onEvent` to apply each to a list.
 */
export function useSignalUpdates(options: SignalUpdatesOptions = {}): SignalEvent | null {
  return useFiltered(
    'signal:*',
    options.onEvent,
    options.signalId === undefined
      ? undefined
      : (e) => (e.data as SignalData | SignalAssignedData).signalId === options.signalId,
  );
}

type ConnectionEvent = EventFor<'connection:*'>;

/** Connection events (`connection:*`): returns the last one; `onEvent` sees each. */
export function useConnectionUpdates(
  options: { readonly connectionId?: string; readonly onEvent?: (event: ConnectionEvent) => void } = {},
): ConnectionEvent | null {
  return useFiltered(
    'connection:*',
    options.onEvent,
    options.connectionId === undefined
      ? undefined
      : (e) => (e.data as ConnectionData).connectionId === options.connectionId,
  );
}

/** Assignment events (`assignment:*`): returns the last one; `onEvent` sees each. */
export function useAssignmentUpdates(
  options: { readonly onEvent?: (event: EventFor<'assignment:*'>) => void } = {},
): EventFor<'assignment:*'> | null {
  return useFiltered('assignment:*', options.onEvent, undefined);
}

function useFiltered<P extends `${string}*`>(
  pattern: P,
  onEvent: ((event: EventFor<P>) => void) | undefined,
  accept: ((event: EventFor<P>) => boolean) | undefined,
): EventFor<P> | null {
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;
  return useLastEvent(
    pattern as never,
    ((event: EventFor<P>) => {
      if (accept && !accept(event)) {
        return false;
      }
      onEventRef.current?.(event);
      return true;
    }) as never,
  ) as EventFor<P> | null;
}

export interface NotificationsOptions {
  /**
   * Reads the caller's unread count over REST: notification-service
   * `GET /api/notifications/unread-count` → `{ unreadCount, version }` (see `FetchUnreadCount`).
   * Called on mount, whenever the connection goes live (first connect and every reconnect) and
   * after a resync; count events keep it current in between. Without it the count is unknown until
   * the first count event (and notification-service does not send counts to a user who never
   * called its API).
   */
  readonly fetchUnreadCount?: FetchUnreadCount;
  /** How many recent `notification:new` to keep (newest first). Default 20. */
  readonly keep?: number;
  readonly onNew?: (notification: NotificationData) => void;
  /** A count fetch failed. Default: console.error. */
  readonly onError?: (error: unknown) => void;
}

export interface NotificationsState {
  /** The caller's unread count: null until known (first fetch or first count event). */
  readonly unreadCount: number | null;
  /** The version of that count (notification-service's, per user). */
  readonly version: number | null;
  /** The latest `notification:new` payloads, newest first, with the caller's read marks seen since. */
  readonly recent: readonly (NotificationData & { readonly read?: boolean })[];
  /** Fetch the count again (e.g. after the page marked something read). */
  readonly refresh: () => void;
  /** Offer a count the page got itself (e.g. the answer of `POST /api/notifications/read-all`); kept if newer. */
  readonly offer: (count: UnreadCount) => void;
}

/**
 * The live unread badge and the latest notifications. The count is the caller's own, exact under
 * any interleaving: of REST answers and the count events (`notification:countChanged`, `:read`,
 * `:deleted`, sent to this user alone) the one with the highest `version` wins (`UnreadCountTracker`).
 * `notification:new` never changes the count by itself: it is the inbox's event, and the matching
 * `notification:countChanged` follows for each user it concerns.
 */
export function useNotifications(options: NotificationsOptions = {}): NotificationsState {
  const client = useRealtime();
  const keep = options.keep ?? 20;
  const [count, setCount] = useState<UnreadCount | null>(null);
  const [recent, setRecent] = useState<NotificationsState['recent']>([]);
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const trackerRef = useRef<UnreadCountTracker | null>(null);
  const hasFetch = options.fetchUnreadCount !== undefined;

  useEffect(() => {
    const tracker = new UnreadCountTracker(client, {
      // always the latest function the page passed
      fetchUnreadCount: hasFetch ? () => optionsRef.current.fetchUnreadCount!() : undefined,
      onError: (e) => (optionsRef.current.onError ?? ((x) => console.error('[civstart/realtime] unread count:', x)))(e),
    });
    trackerRef.current = tracker;
    const off = tracker.onChange(setCount);
    setCount(tracker.value);
    return () => {
      off();
      tracker.stop();
      trackerRef.current = null;
    };
  }, [client, hasFetch]);
  useEffect(
    () =>
      client.on('notification:new', (e) => {
        optionsRef.current.onNew?.(e.data);
        setRecent((r) => [e.data, ...r].slice(0, keep));
      }),
    [client, keep],
  );
  useEffect(
    () =>
      client.on('notification:deleted', (e) => {
        setRecent((r) => r.filter((n) => n.notificationId !== e.data.notificationId));
      }),
    [client],
  );
  useEffect(
    () =>
      client.on('notification:read', (e) => {
        setRecent((r) => r.map((n) => (n.notificationId === e.data.notificationId ? { ...n, read: e.data.read } : n)));
      }),
    [client],
  );
  const refresh = useCallback(() => void trackerRef.current?.refresh(), []);
  const offer = useCallback((c: UnreadCount) => void trackerRef.current?.offer(c), []);
  return { unreadCount: count?.unreadCount ?? null, version: count?.version ?? null, recent, refresh, offer };
}

/**
 * The latest dashboard metrics (`metrics:updated`: platform counters for admins, the startup's own
 * for a startup) and, for admins, the analytics (`analytics:updated`: 7 and 30 days).
 */
export function useMetrics(): { readonly metrics: MetricsData | null; readonly analytics: AnalyticsData | null } {
  const metrics = useLastEvent('metrics:updated');
  const analytics = useLastEvent('analytics:updated');
  return { metrics: metrics?.data ?? null, analytics: analytics?.data ?? null };
}

export type { EventName, FetchUnreadCount, UnreadCount };
