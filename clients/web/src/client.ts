import { DEFAULT_BACKOFF, backoffDelay, type BackoffOptions } from './backoff.js';
import { isValidPattern, matches, namesOf, subscriptionFor } from './patterns.js';
import { RecentIds } from './recent-ids.js';
import type {
  AdminFilter,
  ConnectionState,
  EnvironmentLike,
  EventFor,
  GatewayStats,
  Pattern,
  RealtimeDiagnostics,
  RealtimeOptions,
  SystemFrame,
  WebSocketConstructor,
  WebSocketLike,
} from './types.js';

/** Close codes of the gateway (realtime-gateway/README.md). */
export const CloseCode = {
  NORMAL: 1000,
  GOING_AWAY: 1001,
  ABNORMAL: 1006,
  POLICY: 1008,
  TOO_BIG: 1009,
  DEAD_PEER: 4001,
  SLOW_CONSUMER: 4008,
  /** Used by this SDK when it drops a socket itself (no heartbeat, browser offline, `reconnect()`). */
  CLIENT_DROP: 4000,
} as const;

const OPEN = 1;

type Handler = (event: never) => void;

interface Listener {
  readonly pattern: string;
  readonly handler: Handler;
}

interface Frame {
  readonly event: string;
  readonly id?: string;
  readonly position?: string;
  readonly time?: string;
  readonly data?: Record<string, unknown>;
}

/** The phases of one socket, from open to close. */
type Phase = 'opening' | 'awaitingWelcome' | 'resuming' | 'live';

export type Realtime = RealtimeClient;

/** Creates a client; it connects at once unless `autoConnect: false`. */
export function createRealtime(options: RealtimeOptions): RealtimeClient {
  return new RealtimeClient(options);
}

/**
 * One logical connection to the gateway that survives any number of sockets: it resumes each new
 * socket where the application left off, drops what it already handed over, and keeps the
 * application's listeners and subscription across reconnects.
 *
 * Position rule (the heart of gap-free resume): the saved position only moves from an event frame
 * after its listeners ran, from `system:resumed`, and from `system:resyncRequired`; never from
 * `system:heartbeat`, and from `system:welcome` only to set the very first position of a client
 * that connected without one (then the welcome's position is where that connection's delivery
 * starts). A welcome or heartbeat while a resume is in flight carries a position the replay has not
 * reached: adopting it would skip the rest of the replay if the socket dropped.
 */
export class RealtimeClient {
  private readonly options: RealtimeOptions;
  private readonly backoff: BackoffOptions;
  private readonly WS: WebSocketConstructor;
  private readonly fetchFn: typeof fetch | undefined;
  private readonly env: EnvironmentLike | null;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly recent: RecentIds;

  private readonly listeners = new Set<Listener>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private currentState: ConnectionState;

  private savedPosition: string | null;
  private adminFilter: AdminFilter;

  private socket: WebSocketLike | null = null;
  /** The base URL of the last connection attempt: token-check asks the replica that refused. */
  private lastBase: string | null = null;
  /** Incremented for every connection attempt: callbacks of an older socket are ignored. */
  private generation = 0;
  private phase: Phase = 'opening';
  private resumedWith: string | null = null;
  private sentSubscription: string | null = null;
  private subscriptionQueued = false;
  private started = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private livenessTimer: ReturnType<typeof setInterval> | null = null;
  private lastFrameAt = 0;
  private pingSentAt: number | null = null;
  /** A fresh token was already tried after the gateway refused one: the next refusal is final. */
  private freshTokenTried = false;
  private policyClosesInARow = 0;
  /** While the application refetches after `system:resyncRequired`, frames wait here. */
  private resyncing: Promise<void> | null = null;
  private held: Frame[] = [];
  private effectiveFilter: Record<string, unknown> | null = null;
  private readonly counters = {
    delivered: 0,
    duplicates: 0,
    connections: 0,
    failedAttempts: 0,
    resumes: 0,
    resyncs: 0,
  };
  private detachEnvironment: (() => void) | null = null;

  constructor(options: RealtimeOptions) {
    if (options.endpoint !== 'admin' && options.endpoint !== 'client') {
      throw new TypeError(`endpoint must be 'admin' or 'client', got ${String(options.endpoint)}`);
    }
    if (typeof options.token !== 'function') {
      throw new TypeError('token must be a function returning the bearer token (called before every connect)');
    }
    this.options = options;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    const WS = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!WS) {
      throw new TypeError('no WebSocket implementation: pass options.WebSocket (e.g. the ws package in Node < 22)');
    }
    this.WS = WS;
    this.fetchFn = options.fetch ?? (typeof fetch === 'function' ? fetch.bind(globalThis) : undefined);
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.recent = new RecentIds(options.dedupeWindow ?? 10_000);
    this.savedPosition = options.position ?? null;
    this.adminFilter = normalizeFilter(options.filter);
    this.env = options.environment !== undefined ? options.environment : defaultEnvironment();
    this.currentState = {
      status: 'idle',
      since: this.now(),
      offlineSince: null,
      attempt: 0,
      retryAt: null,
      lastClose: null,
      error: null,
    };
    if (options.autoConnect !== false) {
      this.connect();
    }
  }

  // ---------------------------------------------------------------- public API

  /**
   * Calls `handler` for every event whose name matches `pattern` (a catalog name, a prefix such as
   * `signal:*`, `*`, or a gateway frame such as `system:resumed`). Each event reaches a listener at
   * most once, under the name the listener asked for. Returns the function that removes it.
   */
  on<P extends Pattern>(
    pattern: P,
    handler: (event: P extends `system:${string}` ? SystemFrame : EventFor<P>) => void,
  ): () => void {
    if (typeof handler !== 'function') {
      throw new TypeError('handler must be a function');
    }
    if (!isValidPattern(pattern)) {
      throw new TypeError(`not an event pattern: ${pattern} (a name, a prefix ending in *, or *)`);
    }
    const listener: Listener = { pattern, handler: handler as Handler };
    this.listeners.add(listener);
    this.subscriptionChanged();
    return () => {
      if (this.listeners.delete(listener)) {
        this.subscriptionChanged();
      }
    };
  }

  /** The connection state now. */
  get state(): ConnectionState {
    return this.currentState;
  }

  /** Calls `listener` on every state change; returns the function that removes it. */
  onStateChange(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => {
      this.stateListeners.delete(listener);
    };
  }

  /** The position after the last event handed to the application (save it to resume after a page reload). */
  get position(): string | null {
    return this.savedPosition;
  }

  /** Admins: narrow to these startups / signals (empty = all). Takes effect at once, and survives reconnects. */
  setFilter(filter: AdminFilter): void {
    if (
      this.options.endpoint !== 'admin' &&
      ((filter.startups?.length ?? 0) > 0 || (filter.signals?.length ?? 0) > 0)
    ) {
      throw new TypeError('only admins filter by startups or signals');
    }
    this.adminFilter = normalizeFilter(filter);
    this.subscriptionChanged();
  }

  get filter(): AdminFilter {
    return this.adminFilter;
  }

  /** The filter the gateway last confirmed (`system:subscribed`), or null. */
  get serverFilter(): Record<string, unknown> | null {
    return this.effectiveFilter;
  }

  get diagnostics(): RealtimeDiagnostics {
    return { ...this.counters };
  }

  /** The number of listeners registered (to check that a page cleans up). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Starts (or restarts after `close()` or `authFailed`) connecting. */
  connect(): void {
    this.started = true;
    this.detachEnvironment ??= this.attachEnvironment();
    this.freshTokenTried = false;
    if (this.socket || this.currentState.status === 'connecting') {
      return;
    }
    this.clearRetry();
    this.setState({ status: 'connecting', attempt: 0, retryAt: null, error: null });
    void this.open();
  }

  /** Drops the current socket and reconnects at once, resuming where the application is. */
  reconnect(): void {
    if (!this.started) {
      this.connect();
      return;
    }
    if (this.socket) {
      this.drop(CloseCode.CLIENT_DROP, 'reconnect requested');
    } else {
      this.retryNow();
    }
  }

  /** Closes the connection and stops reconnecting. Listeners stay; `connect()` starts again from the saved position. */
  close(): void {
    this.started = false;
    this.clearRetry();
    this.generation++;
    const s = this.socket;
    this.socket = null;
    this.stopLiveness();
    if (s) {
      detach(s);
      safeClose(s, CloseCode.NORMAL, 'client closed');
    }
    this.held = [];
    this.detachEnvironment?.();
    this.detachEnvironment = null;
    this.setState({ status: 'idle', retryAt: null });
  }

  /** Closes and forgets every listener. */
  dispose(): void {
    this.close();
    this.listeners.clear();
    this.stateListeners.clear();
  }

  /** The WebSocket health of the gateway replica that answers (`GET /api/stats`, admins only). */
  async gatewayStats(): Promise<GatewayStats> {
    const response = await this.authorizedGet('/api/stats');
    if (!response.ok) {
      throw new Error(`GET /api/stats answered ${response.status}`);
    }
    return (await response.json()) as GatewayStats;
  }

  // ---------------------------------------------------------------- connecting

  private baseUrl(): string {
    const configured = typeof this.options.url === 'function' ? this.options.url() : this.options.url;
    let base = configured;
    if (!base) {
      const location = this.env?.location;
      if (!location) {
        throw new TypeError('options.url is required outside a browser page');
      }
      base = `${location.protocol}//${location.host}`;
    }
    return base.replace(/^http/, 'ws').replace(/\/+$/, '');
  }

  private httpUrl(path: string, base = this.baseUrl()): string {
    return base.replace(/^ws/, 'http') + path;
  }

  private async open(): Promise<void> {
    const generation = ++this.generation;
    let token: string;
    let url: string;
    try {
      token = await this.options.token();
      if (typeof token !== 'string' || token.length === 0) {
        throw new TypeError('the token callback returned no token');
      }
      this.lastBase = this.baseUrl();
      url = `${this.lastBase}/${this.options.endpoint}`;
    } catch (e) {
      if (generation === this.generation) {
        this.report(e, 'token callback');
        this.failed(`no token: ${message(e)}`);
      }
      return;
    }
    if (generation !== this.generation || !this.started) {
      return;
    }
    const query: string[] = [];
    const resumeFrom = this.savedPosition;
    if (resumeFrom) {
      query.push(`position=${encodeURIComponent(resumeFrom)}`);
    }
    let protocols: string[] | undefined;
    if (this.options.tokenTransport === 'query') {
      query.push(`access_token=${encodeURIComponent(token)}`);
    } else {
      protocols = [
        'bearer-token-carrier',
        `quarkus-http-upgrade#Authorization#${encodeURIComponent(`Bearer ${token}`)}`,
      ];
    }
    if (query.length > 0) {
      url += `?${query.join('&')}`;
    }
    let socket: WebSocketLike;
    try {
      socket = new this.WS(url, protocols);
    } catch (e) {
      this.report(e, 'WebSocket constructor');
      this.failed(`cannot open ${url.split('?')[0]}: ${message(e)}`);
      return;
    }
    this.socket = socket;
    this.phase = 'opening';
    this.resumedWith = resumeFrom;
    this.sentSubscription = null;
    this.effectiveFilter = null;
    let opened = false;
    socket.onopen = () => {
      if (generation !== this.generation) {
        return;
      }
      opened = true;
      this.counters.connections++;
      this.phase = 'awaitingWelcome';
      this.lastFrameAt = this.now();
      this.pingSentAt = null;
      this.startLiveness();
      this.setState({ status: 'catchingUp' });
    };
    socket.onmessage = (event) => {
      if (generation === this.generation) {
        this.onText(event.data);
      }
    };
    socket.onerror = () => {
      // a close event follows with the details
    };
    socket.onclose = (event) => {
      if (generation === this.generation) {
        this.socket = null;
        this.onClosed(event.code, event.reason ?? '', opened, token);
      }
    };
  }

  /** A socket closed (or was dropped by this client). Decides when, and whether, to try again. */
  private onClosed(code: number, reason: string, opened: boolean, token: string): void {
    this.stopLiveness();
    this.held = [];
    if (!this.started) {
      return;
    }
    const lastClose = { code, reason };
    if (!opened) {
      this.counters.failedAttempts++;
      this.setState({ status: 'offline', lastClose, error: `could not connect (${code})` });
      void this.checkToken(token);
      return;
    }
    this.freshTokenTried = false;
    if (code === CloseCode.POLICY) {
      // the token expired: the token callback is asked again on the next connect
      this.policyClosesInARow++;
      if (this.policyClosesInARow <= 1) {
        this.setState({ status: 'offline', lastClose, error: 'token expired' });
        this.retryNow();
        return;
      }
    } else {
      this.policyClosesInARow = 0;
    }
    if (code === CloseCode.SLOW_CONSUMER || code === CloseCode.DEAD_PEER || code === CloseCode.CLIENT_DROP) {
      // this client alone: resume at once
      this.setState({ status: 'offline', lastClose, error: reason || `closed (${code})` });
      this.retryNow();
      return;
    }
    if (code === CloseCode.GOING_AWAY || code === CloseCode.NORMAL) {
      // the gateway closed on purpose (a replica stopping closes every client of it at once):
      // come back at once, but spread
      const spread = this.options.goingAwaySpreadMs ?? 1_000;
      this.scheduleRetry(Math.floor(this.random() * spread), lastClose, reason || 'gateway going away');
      return;
    }
    this.retryWithBackoff(lastClose, reason || `connection lost (${code})`);
  }

  /**
   * A browser sees a refused upgrade only as close 1006, so after a connect that failed before the
   * socket opened the SDK asks the gateway whether the token is the reason.
   */
  private async checkToken(token: string): Promise<void> {
    const generation = this.generation;
    let status = 0;
    let detail = '';
    try {
      const response = await this.get(
        `/api/token-check?endpoint=${this.options.endpoint}`,
        token,
        this.lastBase ?? undefined,
      );
      status = response.status;
      if (status === 401 || status === 403) {
        const body = (await response.json().catch(() => null)) as { message?: string; error?: string } | null;
        detail = body?.message ?? body?.error ?? '';
      }
    } catch {
      status = 0; // the gateway is unreachable: a network problem, not the token
    }
    if (generation !== this.generation || !this.started) {
      return;
    }
    const lastClose = this.currentState.lastClose;
    if (status === 401 || status === 403) {
      if (!this.freshTokenTried) {
        this.freshTokenTried = true;
        this.setState({ status: 'offline', error: `token refused (${status}): trying a fresh one` });
        this.retryNow();
        return;
      }
      this.setState({
        status: 'authFailed',
        retryAt: null,
        error: `the gateway refused the token (${status})${detail ? `: ${detail}` : ''}`,
      });
      this.started = false;
      return;
    }
    this.retryWithBackoff(
      lastClose,
      status === 0 ? 'gateway unreachable' : `could not connect (token-check ${status})`,
    );
  }

  private retryWithBackoff(lastClose: ConnectionState['lastClose'], error: string): void {
    const attempt = this.currentState.attempt;
    if (attempt >= this.backoff.maxTries) {
      this.setState({
        status: 'offline',
        lastClose,
        retryAt: null,
        error: `gave up after ${attempt} attempts: ${error}`,
      });
      this.started = false;
      return;
    }
    this.scheduleRetry(backoffDelay(attempt, this.backoff, this.random), lastClose, error, attempt + 1);
  }

  private scheduleRetry(
    delayMs: number,
    lastClose: ConnectionState['lastClose'],
    error: string,
    attempt?: number,
  ): void {
    this.clearRetry();
    const at = this.now() + delayMs;
    this.setState({ status: 'offline', lastClose, error, retryAt: at, attempt: attempt ?? this.currentState.attempt });
    if (this.env?.navigator?.onLine === false) {
      return; // the 'online' event reconnects
    }
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.retryNow();
    }, delayMs);
  }

  private retryNow(): void {
    this.clearRetry();
    if (!this.started || this.socket) {
      return;
    }
    if (this.env?.navigator?.onLine === false) {
      this.setState({ status: 'offline', retryAt: null, error: 'browser offline' });
      return; // the 'online' event reconnects
    }
    this.setState({ status: 'connecting', retryAt: null });
    void this.open();
  }

  private failed(error: string): void {
    this.counters.failedAttempts++;
    this.retryWithBackoff(this.currentState.lastClose, error);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
  }

  /** Drops the socket without waiting for the closing handshake (it may never come on a dead network). */
  private drop(code: number, reason: string): void {
    const s = this.socket;
    if (!s) {
      return;
    }
    this.socket = null;
    this.generation++;
    detach(s);
    safeClose(s, code, reason);
    this.onClosed(code, reason, true, '');
  }

  // ---------------------------------------------------------------- frames

  private onText(raw: unknown): void {
    this.lastFrameAt = this.now();
    this.pingSentAt = null;
    let frame: Frame;
    try {
      frame = JSON.parse(typeof raw === 'string' ? raw : String(raw)) as Frame;
    } catch (e) {
      this.report(e, 'a frame that is not JSON');
      return;
    }
    if (!frame || typeof frame.event !== 'string') {
      return;
    }
    if (frame.event.startsWith('system:')) {
      this.onSystem(frame);
    } else if (this.resyncing) {
      this.held.push(frame);
    } else {
      this.onEvent(frame);
    }
  }

  private onSystem(frame: Frame): void {
    switch (frame.event) {
      case 'system:welcome':
        if (this.phase === 'awaitingWelcome') {
          if (this.resumedWith === null) {
            // a connection without ?position= delivers everything after the welcome's position:
            // the client's first position (it is not advanced from here ever after)
            if (this.savedPosition === null && typeof frame.position === 'string') {
              this.savedPosition = frame.position;
            }
            this.phase = 'live';
            this.sendSubscription();
            this.wentLive();
          } else {
            // the replay of ?position= has begun: a subscribe now narrows it and cannot end a resume wait
            this.phase = 'resuming';
            this.sendSubscription();
          }
        }
        break;
      case 'system:resumed':
        if (typeof frame.position === 'string') {
          this.savedPosition = frame.position;
        }
        this.counters.resumes++;
        this.phase = 'live';
        this.wentLive();
        break;
      case 'system:resyncRequired':
        this.resync(frame);
        break;
      case 'system:subscribed':
        this.effectiveFilter = frame.data ?? null;
        break;
      case 'system:error':
        if (frame.data?.['code'] === 'invalid-position') {
          this.savedPosition = null; // unreadable: the gateway follows with resyncRequired
        }
        this.report(
          new Error(`gateway: ${String(frame.data?.['code'])}: ${String(frame.data?.['message'])}`),
          'system:error',
        );
        break;
      default:
        break;
    }
    this.dispatch(frame, [frame.event]);
  }

  private resync(frame: Frame): void {
    if (typeof frame.position === 'string') {
      this.savedPosition = frame.position;
    }
    this.counters.resyncs++;
    this.phase = 'live';
    const onResync = this.options.onResync;
    const reason = typeof frame.data?.['reason'] === 'string' ? (frame.data['reason'] as string) : 'resync required';
    if (!onResync) {
      if (![...this.listeners].some((l) => matches(l.pattern, 'system:resyncRequired'))) {
        this.report(
          new Error(`resync required (${reason}) and nothing refetches (no onResync): the page may be stale`),
          'resync',
        );
      }
      this.wentLive();
      return;
    }
    this.setState({ status: 'catchingUp' });
    const done = (async () => {
      try {
        await onResync({ reason });
      } catch (e) {
        this.report(e, 'onResync');
      }
    })();
    this.resyncing = done;
    void done.then(() => {
      if (this.resyncing !== done) {
        return;
      }
      this.resyncing = null;
      const held = this.held;
      this.held = [];
      for (const f of held) {
        this.onEvent(f);
      }
      if (this.socket && this.phase === 'live') {
        this.wentLive();
      }
    });
  }

  private onEvent(frame: Frame): void {
    const id = frame.id;
    if (typeof id === 'string') {
      if (this.recent.has(id)) {
        this.counters.duplicates++;
      } else {
        this.recent.add(id);
        this.counters.delivered++;
        this.dispatch(frame, namesOf(frame.event));
      }
    }
    if (typeof frame.position === 'string') {
      this.savedPosition = frame.position;
    }
  }

  /** Hands a frame to each listener whose pattern matches one of its names, once, under that name. */
  private dispatch(frame: Frame, names: readonly string[]): void {
    if (this.listeners.size === 0 || !this.passesFilter(frame)) {
      return;
    }
    for (const listener of [...this.listeners]) {
      if (!this.listeners.has(listener)) {
        continue; // removed by an earlier listener of this frame
      }
      const name = names.find((n) => matches(listener.pattern, n));
      if (name === undefined || (listener.pattern === '*' && name.startsWith('system:'))) {
        continue;
      }
      try {
        (listener.handler as (f: Frame) => void)(name === frame.event ? frame : { ...frame, event: name });
      } catch (e) {
        this.report(e, `listener of ${listener.pattern}`);
      }
    }
  }

  /** The gateway filters by startup/signal; the SDK re-checks what a payload shows (a replay may start before subscribe applies). */
  private passesFilter(frame: Frame): boolean {
    const data = frame.data;
    if (!data || frame.event.startsWith('system:')) {
      return true;
    }
    const { startups, signals } = this.adminFilter;
    const startupId = data['startupId'];
    const signalId = data['signalId'];
    if (startups && startups.length > 0 && typeof startupId === 'string' && !startups.includes(startupId)) {
      return false;
    }
    return !(signals && signals.length > 0 && typeof signalId === 'string' && !signals.includes(signalId));
  }

  // ---------------------------------------------------------------- subscription

  private subscriptionChanged(): void {
    if (this.subscriptionQueued) {
      return;
    }
    this.subscriptionQueued = true;
    // coalesce the listeners a page registers in one render into one subscribe
    queueMicrotask(() => {
      this.subscriptionQueued = false;
      this.sendSubscription();
    });
  }

  /** The gateway's filter for the current listeners; sent once the socket's first frame (welcome) arrived. */
  private sendSubscription(): void {
    const s = this.socket;
    if (!s || s.readyState !== OPEN || this.phase === 'opening' || this.phase === 'awaitingWelcome') {
      return;
    }
    const op: Record<string, unknown> = {
      op: 'subscribe',
      events: subscriptionFor([...this.listeners].map((l) => l.pattern)),
    };
    if (this.options.endpoint === 'admin') {
      op['startups'] = this.adminFilter.startups ?? [];
      op['signals'] = this.adminFilter.signals ?? [];
    }
    const text = JSON.stringify(op);
    if (text !== this.sentSubscription) {
      this.sentSubscription = text;
      s.send(text);
    }
  }

  // ---------------------------------------------------------------- state

  private wentLive(): void {
    this.policyClosesInARow = 0;
    if (this.resyncing) {
      return;
    }
    this.setState({ status: 'live', attempt: 0, retryAt: null, error: null, offlineSince: null });
  }

  private setState(patch: Partial<ConnectionState>): void {
    const previous = this.currentState;
    const status = patch.status ?? previous.status;
    const now = this.now();
    let offlineSince = 'offlineSince' in patch ? (patch.offlineSince ?? null) : previous.offlineSince;
    if (offlineSince === null && (status === 'offline' || status === 'authFailed')) {
      offlineSince = now;
    }
    const next: ConnectionState = {
      ...previous,
      ...patch,
      status,
      offlineSince,
      since: status === previous.status ? previous.since : now,
    };
    if (shallowEqual(previous, next)) {
      return;
    }
    this.currentState = next;
    for (const listener of [...this.stateListeners]) {
      try {
        listener(next);
      } catch (e) {
        this.report(e, 'state listener');
      }
    }
  }

  // ---------------------------------------------------------------- liveness and browser signals

  private startLiveness(): void {
    this.stopLiveness();
    const idle = this.options.heartbeatTimeoutMs ?? 60_000;
    const pingTimeout = this.options.pingTimeoutMs ?? 10_000;
    this.livenessTimer = setInterval(
      () => {
        const now = this.now();
        if (this.pingSentAt !== null && now - this.pingSentAt > pingTimeout) {
          this.drop(CloseCode.CLIENT_DROP, 'no answer to ping: connection presumed dead');
        } else if (this.pingSentAt === null && now - this.lastFrameAt > idle) {
          this.ping();
        }
      },
      Math.max(250, Math.min(idle, pingTimeout) / 4),
    );
    const timer = this.livenessTimer as { unref?: () => void };
    timer.unref?.();
  }

  private stopLiveness(): void {
    if (this.livenessTimer !== null) {
      clearInterval(this.livenessTimer);
      this.livenessTimer = null;
    }
    this.pingSentAt = null;
  }

  /** Asks the gateway for a heartbeat; no answer within pingTimeoutMs drops the socket and resumes. */
  private ping(): void {
    const s = this.socket;
    if (s && s.readyState === OPEN && this.pingSentAt === null) {
      this.pingSentAt = this.now();
      s.send('{"op":"ping"}');
    }
  }

  private attachEnvironment(): () => void {
    const env = this.env;
    if (!env) {
      return () => {};
    }
    const online = () => {
      if (this.started && !this.socket) {
        // the whole office comes back online at once: spread a little
        this.clearRetry();
        const spread = Math.min(this.backoff.baseMs, 1_000);
        this.retryTimer = setTimeout(() => this.retryNow(), Math.floor(this.random() * spread));
      }
    };
    const offline = () => {
      // the socket may look open for minutes on a dead network: drop it; retries wait for 'online'
      if (this.started && this.socket) {
        this.drop(CloseCode.CLIENT_DROP, 'browser offline');
      }
      this.clearRetry();
      if (this.started) {
        this.setState({ status: 'offline', retryAt: null, error: 'browser offline' });
      }
    };
    const visibility = () => {
      if (env.document?.visibilityState !== 'visible' || !this.started) {
        return;
      }
      if (this.socket) {
        this.ping(); // timers were throttled while hidden: check the link now
      } else if (this.currentState.status === 'offline' && env.navigator?.onLine !== false) {
        this.retryNow();
      }
    };
    env.addEventListener('online', online);
    env.addEventListener('offline', offline);
    env.document?.addEventListener('visibilitychange', visibility);
    return () => {
      env.removeEventListener('online', online);
      env.removeEventListener('offline', offline);
      env.document?.removeEventListener('visibilitychange', visibility);
    };
  }

  // ---------------------------------------------------------------- HTTP

  private async authorizedGet(path: string): Promise<Response> {
    return this.get(path, await this.options.token());
  }

  private async get(path: string, token: string, base?: string): Promise<Response> {
    if (!this.fetchFn) {
      throw new TypeError('no fetch implementation: pass options.fetch');
    }
    return this.fetchFn(this.httpUrl(path, base), {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(10_000),
    });
  }

  private report(error: unknown, context: string): void {
    if (this.options.onError) {
      this.options.onError(error, context);
    } else {
      console.error(`[@civstart/realtime] ${context}:`, error);
    }
  }
}

function normalizeFilter(filter: AdminFilter | undefined): AdminFilter {
  return {
    startups: [...new Set(filter?.startups ?? [])].sort(),
    signals: [...new Set(filter?.signals ?? [])].sort(),
  };
}

function defaultEnvironment(): EnvironmentLike | null {
  const g = globalThis as unknown as { window?: EnvironmentLike };
  return g.window && typeof g.window.addEventListener === 'function' ? g.window : null;
}

function detach(s: WebSocketLike): void {
  s.onopen = null;
  s.onmessage = null;
  s.onclose = null;
  s.onerror = () => {};
}

function safeClose(s: WebSocketLike, code: number, reason: string): void {
  try {
    s.close(code, reason);
  } catch {
    // already closing
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function shallowEqual(a: ConnectionState, b: ConnectionState): boolean {
  return (
    a.status === b.status &&
    a.since === b.since &&
    a.offlineSince === b.offlineSince &&
    a.attempt === b.attempt &&
    a.retryAt === b.retryAt &&
    a.error === b.error &&
    a.lastClose?.code === b.lastClose?.code &&
    a.lastClose?.reason === b.lastClose?.reason
  );
}
