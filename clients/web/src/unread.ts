import type { RealtimeClient } from './client.js';

/**
 * One user's unread notification count as notification-service states it: over REST
 * (`GET /api/notifications/unread-count`) and in the events it sends to that user alone
 * (`notification:countChanged`, `notification:read`, `notification:deleted`). `version` grows by one
 * with every change of that user's count.
 */
export interface UnreadCount {
  readonly unreadCount: number;
  readonly version: number;
}

/**
 * Reads the caller's count over REST: notification-service `GET /api/notifications/unread-count`,
 * which answers `{ unreadCount, version }` (the SDK knows no service URL: the application passes
 * this function). Calling it also makes the user known to notification-service, which from then on
 * sends the user's count changes to the user's sockets.
 */
export type FetchUnreadCount = () => Promise<UnreadCount>;

/**
 * The version rule: of two statements of the same user's count, the one with the higher version is
 * the newer; an equal version states the same count. REST answers and events may arrive in any
 * order (a REST answer computed before an event can arrive after it), so the client keeps the one
 * with the highest version and never counts by itself.
 */
export function newerUnreadCount(current: UnreadCount | null, offered: UnreadCount): UnreadCount {
  return current === null || offered.version > current.version ? offered : current;
}

function isUnreadCount(value: unknown): value is UnreadCount {
  const v = value as Partial<UnreadCount> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.unreadCount === 'number' &&
    Number.isFinite(v.unreadCount) &&
    typeof v.version === 'number' &&
    Number.isFinite(v.version)
  );
}

export interface UnreadCountOptions {
  /** Without it the count is known only from the first count event. */
  readonly fetchUnreadCount?: FetchUnreadCount;
  /** A fetch failed or answered something else than `{ unreadCount, version }`. Default: console.error. */
  readonly onError?: (error: unknown) => void;
}

/**
 * The live unread count of the signed-in user, exact under any interleaving of REST answers and
 * events. It fetches the count when it starts, every time the connection goes live (the first time
 * too: a count that changed between the first fetch and the socket's start position would
 * otherwise be missed; after a reconnect the resume replays the missed count events, the fetch
 * is the belt to those braces) and after `system:resyncRequired`; in between, it follows the count
 * events. It never counts `notification:new` itself: that event is the inbox's, the count is each
 * user's own (another admin's read does not change yours).
 */
export class UnreadCountTracker {
  private current: UnreadCount | null = null;
  private readonly listeners = new Set<(count: UnreadCount) => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private stopped = false;
  private wasLive: boolean;

  constructor(
    client: RealtimeClient,
    private readonly options: UnreadCountOptions = {},
  ) {
    for (const name of ['notification:countChanged', 'notification:read', 'notification:deleted'] as const) {
      this.unsubscribe.push(client.on(name, (e) => this.offer(e.data)));
    }
    this.unsubscribe.push(client.on('system:resyncRequired', () => void this.refresh()));
    this.wasLive = client.state.status === 'live';
    this.unsubscribe.push(
      client.onStateChange((state) => {
        const live = state.status === 'live';
        if (live && !this.wasLive) {
          void this.refresh();
        }
        this.wasLive = live;
      }),
    );
    void this.refresh();
  }

  /** The newest count known (null until the first fetch or count event). */
  get value(): UnreadCount | null {
    return this.current;
  }

  /** Calls `listener` whenever the count changes; returns the function that removes it. */
  onChange(listener: (count: UnreadCount) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Takes a count from anywhere (REST, an event, a page's own read-all answer): kept if its version is higher. */
  offer(count: UnreadCount): boolean {
    if (this.stopped || !isUnreadCount(count)) {
      return false;
    }
    const next = newerUnreadCount(this.current, { unreadCount: count.unreadCount, version: count.version });
    if (next === this.current) {
      return false;
    }
    this.current = next;
    for (const listener of [...this.listeners]) {
      try {
        listener(next);
      } catch (e) {
        this.report(e);
      }
    }
    return true;
  }

  /** Fetches the count over REST (if a fetch function was given). */
  async refresh(): Promise<void> {
    const fetchCount = this.options.fetchUnreadCount;
    if (!fetchCount || this.stopped) {
      return;
    }
    try {
      const answer: unknown = await fetchCount();
      if (!isUnreadCount(answer)) {
        throw new TypeError(
          `fetchUnreadCount must resolve to { unreadCount, version } (GET /api/notifications/unread-count), got ${JSON.stringify(answer)}`,
        );
      }
      this.offer(answer);
    } catch (e) {
      // keep what we have: the next count event, reconnect or resync corrects it
      if (!this.stopped) {
        this.report(e);
      }
    }
  }

  /** Removes its listeners from the client; later answers are ignored. */
  stop(): void {
    this.stopped = true;
    this.unsubscribe.splice(0).forEach((off) => off());
    this.listeners.clear();
  }

  private report(error: unknown): void {
    if (this.options.onError) {
      this.options.onError(error);
    } else {
      console.error('[civstart/realtime] unread count:', error);
    }
  }
}

/** Follows the signed-in user's unread count on `client` (see {@link UnreadCountTracker}). */
export function trackUnreadCount(client: RealtimeClient, options: UnreadCountOptions = {}): UnreadCountTracker {
  return new UnreadCountTracker(client, options);
}
