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
  const [owned] = useState<RealtimeClient | null>(() => props.client ? null : new RealtimeClient({
    ...(props as RealtimeOptions),
    autoConnect: false,
    token: () => (latest.current as RealtimeOptions).token(),
    onResync: (info) => (latest.current as RealtimeOptions).onResync?.(info),
  }));
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
  return useSyncExternalStore(subscribe, () => client.state, () => client.state);
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
  return useFiltered('signal:*', options.onEvent, options.signalId === undefined
    ? undefined
    : (e) => (e.data as SignalData | SignalAssignedData).signalId === options.signalId);
}

type ConnectionEvent = EventFor<'connection:*'>;

/** Connection events (`connection:*`): returns the last one; `onEvent` sees each. */
export function useConnectionUpdates(options: { readonly connectionId?: string; readonly onEvent?: (event: ConnectionEvent) => void } = {}): ConnectionEvent | null {
  return useFiltered('connection:*', options.onEvent, options.connectionId === undefined
    ? undefined
    : (e) => (e.data as ConnectionData).connectionId === options.connectionId);
}

/** Assignment events (`assignment:*`): returns the last one; `onEvent` sees each. */
export function useAssignmentUpdates(options: { readonly onEvent?: (event: EventFor<'assignment:*'>) => void } = {}): EventFor<'assignment:*'> | null {
  return useFiltered('assignment:*', options.onEvent, undefined);
}

function useFiltered<P extends `${string}*`>(
  pattern: P,
  onEvent: ((event: EventFor<P>) => void) | undefined,
  accept: ((event: EventFor<P>) => boolean) | undefined,
): EventFor<P> | null {
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;
  return useLastEvent(pattern as never, ((event: EventFor<P>) => {
    if (accept && !accept(event)) {
      return false;
    }
    onEventRef.current?.(event);
    return true;
  }) as never) as EventFor<P> | null;
}

export interface NotificationsOptions {
  /**
   * Reads the unread count over REST (notification-service `GET /api/notifications/unread-count`).
   * Called on mount and after a resync; events keep the count current in between (a resumed
   * connection replays the `notification:countChanged` it missed, so the count is right after a
   * reconnect without a refetch).
   */
  readonly fetchUnreadCount?: () => Promise<number>;
  /** How many recent `notification:new` to keep (newest first). Default 20. */
  readonly keep?: number;
  readonly onNew?: (notification: NotificationData) => void;
}

export interface NotificationsState {
  /** null until known (first fetch or first count event). */
  readonly unreadCount: number | null;
  /** The latest `notification:new` payloads, newest first. */
  readonly recent: readonly NotificationData[];
}

/**
 * The live unread badge and the latest notifications. The count follows `notification:countChanged`
 * (the one event that always carries the recipient's own count); a REST answer that arrives after a
 * count event is older than it and is ignored.
 */
export function useNotifications(options: NotificationsOptions = {}): NotificationsState {
  const client = useRealtime();
  const keep = options.keep ?? 20;
  const [state, setState] = useState<NotificationsState>({ unreadCount: null, recent: [] });
  const version = useRef(0);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const refetch = useCallback(() => {
    const fetchCount = optionsRef.current.fetchUnreadCount;
    if (!fetchCount) {
      return;
    }
    const asked = version.current;
    fetchCount().then(
      (count) => {
        if (version.current === asked) {
          setState((s) => ({ ...s, unreadCount: count }));
        }
      },
      () => {
        // keep what we have; the next count event or resync corrects it
      },
    );
  }, []);

  useEffect(refetch, [refetch]);
  useEffect(() => client.on('system:resyncRequired', refetch), [client, refetch]);
  useEffect(() => client.on('notification:countChanged', (e) => {
    version.current++;
    setState((s) => ({ ...s, unreadCount: e.data.unreadCount }));
  }), [client]);
  useEffect(() => client.on('notification:new', (e) => {
    optionsRef.current.onNew?.(e.data);
    setState((s) => ({ ...s, recent: [e.data, ...s.recent].slice(0, keep) }));
  }), [client, keep]);
  useEffect(() => client.on('notification:deleted', (e) => {
    setState((s) => ({ ...s, recent: s.recent.filter((n) => n.notificationId !== e.data.notificationId) }));
  }), [client]);
  useEffect(() => client.on('notification:read', (e) => {
    setState((s) => ({
      ...s,
      recent: s.recent.map((n) => (n.notificationId === e.data.notificationId ? { ...n, read: true } : n)),
    }));
  }), [client]);
  return state;
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

export type { EventName };
