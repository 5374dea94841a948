import type { EventMap, EventName } from './generated/catalog.js';
import type { BackoffOptions } from './backoff.js';

export type Endpoint = 'admin' | 'client';

/**
 * - `idle`: not started, or stopped with `close()`;
 * - `connecting`: opening a socket (first connect or a reconnect);
 * - `catchingUp`: connected, receiving what it missed (resume or resync in progress);
 * - `live`: connected and up to date;
 * - `offline`: no connection, waiting to retry (`retryAt`), or for the browser to come online;
 * - `authFailed`: the gateway refused the token (401/403) even after a fresh one: it stopped retrying.
 */
export type ConnectionStatus = 'idle' | 'connecting' | 'catchingUp' | 'live' | 'offline' | 'authFailed';

export interface ConnectionState {
  readonly status: ConnectionStatus;
  /** When this status began (ms since the epoch). */
  readonly since: number;
  /**
   * When the client stopped being up to date (ms since the epoch): set from the first failed
   * connect or the loss of a connection until it is `live` again. An offline indicator shows
   * "offline for now − offlineSince".
   */
  readonly offlineSince: number | null;
  /** Consecutive failed attempts (0 after a connection went live). */
  readonly attempt: number;
  /** When the next attempt is due, while `offline`. */
  readonly retryAt: number | null;
  /** The close code and reason of the last connection. */
  readonly lastClose: { readonly code: number; readonly reason: string } | null;
  /** Why the client is `offline` or `authFailed`, in words. */
  readonly error: string | null;
}

/** A frame as handed to a listener: `event` is the name the listener asked for (an alias's listener sees the alias). */
export type RealtimeEvent<N extends EventName = EventName> = EventMap[N];

/** The event names a pattern covers: `signal:*` → every `signal:…` name. */
export type NamesMatching<P extends string> = P extends '*'
  ? EventName
  : P extends `${infer Prefix}*`
    ? Extract<EventName, `${Prefix}${string}`>
    : Extract<EventName, P>;

/** A listener's argument for a pattern: the union of the frame types it covers. */
export type EventFor<P extends string> = RealtimeEvent<NamesMatching<P>>;

/** What `on(...)` accepts: a catalog name, a prefix pattern, `*`, or a gateway frame name (`system:…`). */
export type Pattern = EventName | `${string}*` | SystemFrameName;

export type SystemFrameName =
  | 'system:welcome'
  | 'system:heartbeat'
  | 'system:subscribed'
  | 'system:resumed'
  | 'system:resyncRequired'
  | 'system:error';

/** A gateway frame (`system:*`). */
export interface SystemFrame {
  readonly event: SystemFrameName;
  readonly position?: string;
  readonly time: string;
  readonly data: Record<string, unknown>;
}

/** The admin-only narrowing by startup and signal ids (empty or absent = all). */
export interface AdminFilter {
  readonly startups?: readonly string[];
  readonly signals?: readonly string[];
}

export interface ResyncInfo {
  /** Why the gateway could not replay what was missed. */
  readonly reason: string;
}

/** A minimal WebSocket, as browsers and the `ws` package provide it. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

/** Where browser signals come from: `window` and `document` in a browser. */
export interface EnvironmentLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
  readonly navigator?: { readonly onLine?: boolean };
  readonly document?: {
    readonly visibilityState?: string;
    addEventListener(type: string, listener: () => void): void;
    removeEventListener(type: string, listener: () => void): void;
  };
  readonly location?: { readonly protocol: string; readonly host: string };
}

export interface RealtimeOptions {
  /**
   * The gateway's base URL (`wss://rt.example.com`, `http://localhost:8080`: http(s) is turned into
   * ws(s)), or a function returning it for each connection attempt. Default: the page's own origin.
   */
  readonly url?: string | (() => string);
  /** `/admin` (role admin) or `/client` (a startup's users). */
  readonly endpoint: Endpoint;
  /** Returns a bearer token; called before every (re)connect, so an expiring token is refreshed. */
  readonly token: () => string | Promise<string>;
  /**
   * The gateway could not replay what this client missed (beyond Kafka's retention): refetch the
   * page's data over REST. Events that arrive meanwhile are held and handed over once the returned
   * promise settles, so they apply on top of the refetched state.
   */
  readonly onResync?: (info: ResyncInfo) => void | Promise<void>;
  readonly backoff?: Partial<BackoffOptions>;
  /**
   * After close 1001 or 1000 from the gateway (a replica going away: every client of it at once) the client reconnects at
   * once, spread uniformly over this window (ms). Default 1,000.
   */
  readonly goingAwaySpreadMs?: number;
  /** How many recent event ids are remembered to drop duplicates. Default 10,000. */
  readonly dedupeWindow?: number;
  /** No frame for this long → send a ping; no answer within `pingTimeoutMs` → reconnect. Default 60,000. */
  readonly heartbeatTimeoutMs?: number;
  /** Default 10,000. */
  readonly pingTimeoutMs?: number;
  /** Start from a position saved earlier (e.g. in sessionStorage), instead of "from now". */
  readonly position?: string | null;
  /** Admins: only events of these startups / signals. */
  readonly filter?: AdminFilter;
  /** How the token travels on the upgrade: `subprotocol` (default: not in URLs or logs) or `query` (`?access_token=`). */
  readonly tokenTransport?: 'subprotocol' | 'query';
  /** Connect on creation (default true); otherwise call `connect()`. */
  readonly autoConnect?: boolean;
  /** Default: the global WebSocket. In Node < 22 pass the `ws` package's. */
  readonly WebSocket?: WebSocketConstructor;
  /** Default: the global fetch. Used for `/api/token-check` and `/api/stats`. */
  readonly fetch?: typeof fetch;
  /** Where `online`/`offline` and `visibilitychange` come from. Default: `window` when there is one; `null` for none. */
  readonly environment?: EnvironmentLike | null;
  /** A listener threw, or something the application should know about went wrong. Default: console.error. */
  readonly onError?: (error: unknown, context: string) => void;
  /** For tests: the source of randomness (backoff jitter) and of time. */
  readonly random?: () => number;
  readonly now?: () => number;
}

/** The gateway's `/api/stats`: WebSocket health of the replica that answered. */
export interface GatewayStats {
  readonly replica: string;
  readonly uptimeSeconds: number;
  readonly consuming: boolean;
  readonly connections: { readonly admin: number; readonly client: number };
  readonly eventsInTotal: number;
  readonly framesOutTotal: number;
  readonly eventsInPerSecond: number;
  readonly framesOutPerSecond: number;
  readonly deliveryLatencyMs: { readonly p50: number | null; readonly p99: number | null };
  readonly slowClientCloses: number;
  readonly deadPeerCloses: number;
  readonly kafkaLag: number;
}

/** Counters of what the client did, for dashboards and tests. */
export interface RealtimeDiagnostics {
  /** Event frames handed to listeners (one per event, whatever the number of listeners). */
  readonly delivered: number;
  /** Event frames dropped because their id had been handed over already (alias frames included). */
  readonly duplicates: number;
  /** Sockets opened. */
  readonly connections: number;
  /** Connect attempts that failed before the socket opened. */
  readonly failedAttempts: number;
  readonly resumes: number;
  readonly resyncs: number;
}
