import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  createRealtime,
  newerUnreadCount,
  trackUnreadCount,
  type RealtimeClient,
  type UnreadCount,
} from '../src/index.js';
import { fakeServer, flush, type FakeSocket } from './fake-socket.js';

let server: ReturnType<typeof fakeServer>;
let client: RealtimeClient;
let errors: unknown[];
let seq = 0;

beforeEach(() => {
  server = fakeServer();
  errors = [];
  client = createRealtime({
    url: 'http://gw.test',
    endpoint: 'admin',
    token: () => 'tok',
    WebSocket: server.WebSocket,
    environment: null,
  });
});

afterEach(() => client.dispose());

async function live(position = 'P0'): Promise<FakeSocket> {
  await flush();
  return server.last().open().welcome(position);
}

/** A fetch the test answers by hand, in any order. */
function manualFetch(): {
  fetch: () => Promise<UnreadCount>;
  calls: number;
  answer(i: number, count: UnreadCount): Promise<void>;
} {
  const pending: ((c: UnreadCount) => void)[] = [];
  const f = {
    calls: 0,
    fetch: () => {
      f.calls++;
      return new Promise<UnreadCount>((resolve) => pending.push(resolve));
    },
    async answer(i: number, count: UnreadCount) {
      pending[i]!(count);
      await flush();
    },
  };
  return f;
}

function countChanged(s: FakeSocket, unreadCount: number, version: number): void {
  seq++;
  s.event('notification:countChanged', `c${seq}`, `P${seq}`, { userId: 'u', startupId: null, unreadCount, version });
}

describe('the version rule', () => {
  it('keeps the statement with the higher version; an equal or lower one changes nothing', () => {
    const v3 = { unreadCount: 2, version: 3 };
    expect(newerUnreadCount(null, v3)).toBe(v3);
    expect(newerUnreadCount(v3, { unreadCount: 5, version: 4 })).toEqual({ unreadCount: 5, version: 4 });
    expect(newerUnreadCount(v3, { unreadCount: 9, version: 2 })).toBe(v3);
    expect(newerUnreadCount(v3, { unreadCount: 2, version: 3 })).toBe(v3);
  });

  it('ends on the newest count whatever the order REST answers and events arrive in', async () => {
    // the user's count over 40 changes; each is stated once by an event and sometimes also by a REST answer
    let random = 12345;
    const next = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 50; round++) {
      const truth: UnreadCount[] = [];
      let unread = 0;
      for (let v = 1; v <= 40; v++) {
        unread = Math.max(0, unread + (next() < 0.6 ? 1 : -1));
        truth.push({ unreadCount: unread, version: v });
      }
      const statements = truth.flatMap(
        (c) =>
          (next() < 0.3
            ? [
                ['event', c],
                ['rest', c],
              ]
            : [['event', c]]) as ['event' | 'rest', UnreadCount][],
      );
      for (let i = statements.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [statements[i], statements[j]] = [statements[j]!, statements[i]!];
      }
      const tracker = trackUnreadCount(client);
      for (const [, c] of statements) {
        tracker.offer(c);
      }
      expect(tracker.value).toEqual(truth.at(-1));
      tracker.stop();
    }
  });
});

describe('UnreadCountTracker', () => {
  it('starts from REST and ignores a REST answer older than an event that overtook it', async () => {
    const rest = manualFetch();
    const tracker = trackUnreadCount(client, { fetchUnreadCount: rest.fetch, onError: (e) => errors.push(e) });
    const seen: number[] = [];
    tracker.onChange((c) => seen.push(c.unreadCount));
    const s = await live();
    expect(rest.calls).toBe(2); // on start, and when the connection went live
    await rest.answer(0, { unreadCount: 4, version: 10 });
    expect(tracker.value).toEqual({ unreadCount: 4, version: 10 });
    countChanged(s, 5, 11);
    await rest.answer(1, { unreadCount: 4, version: 10 }); // computed before the event, arrived after it
    expect(tracker.value).toEqual({ unreadCount: 5, version: 11 });
    expect(seen).toEqual([4, 5]);
    expect(errors).toEqual([]);
  });

  it('takes a REST answer newer than every event seen (an event missed before the user was known)', async () => {
    const rest = manualFetch();
    const tracker = trackUnreadCount(client, { fetchUnreadCount: rest.fetch });
    const s = await live();
    countChanged(s, 1, 3);
    await rest.answer(0, { unreadCount: 2, version: 5 });
    expect(tracker.value).toEqual({ unreadCount: 2, version: 5 });
    countChanged(s, 1, 4); // late and old
    expect(tracker.value).toEqual({ unreadCount: 2, version: 5 });
  });

  it('never counts notification:new itself; notification:read and :deleted carry the count and its version', async () => {
    const tracker = trackUnreadCount(client);
    const s = await live();
    countChanged(s, 3, 7);
    s.event('notification:new', 'n1', 'P100', { notificationId: 'n1', title: 'hello', version: 1 });
    s.event('notification:new', 'n2', 'P101', { notificationId: 'n2', title: 'again', version: 1 });
    expect(tracker.value).toEqual({ unreadCount: 3, version: 7 });
    s.event('notification:read', 'r1', 'P102', {
      notificationId: 'n1',
      userId: 'u',
      read: true,
      deleted: false,
      unreadCount: 2,
      version: 8,
    });
    expect(tracker.value).toEqual({ unreadCount: 2, version: 8 });
    s.event('notification:deleted', 'd1', 'P103', {
      notificationId: 'n2',
      userId: 'u',
      read: false,
      deleted: true,
      unreadCount: 1,
      version: 9,
    });
    countChanged(s, 2, 8); // the countChanged of the read, after the delete's
    expect(tracker.value).toEqual({ unreadCount: 1, version: 9 });
  });

  it('fetches again when the connection goes live after a drop, and after a resync', async () => {
    let calls = 0;
    let rest: UnreadCount = { unreadCount: 1, version: 1 };
    const tracker = trackUnreadCount(client, {
      fetchUnreadCount: async () => {
        calls++;
        return rest;
      },
    });
    let s = await live('P0');
    await flush();
    expect(calls).toBe(2);
    expect(tracker.value).toEqual({ unreadCount: 1, version: 1 });

    rest = { unreadCount: 6, version: 4 };
    s.serverClose(4008);
    await flush();
    s = server.last().open().welcome('P0');
    s.frame({ event: 'system:resumed', position: 'P0', time: 't', data: {} });
    await flush();
    expect(calls).toBe(3);
    expect(tracker.value).toEqual({ unreadCount: 6, version: 4 });

    rest = { unreadCount: 0, version: 9 };
    s.frame({ event: 'system:resyncRequired', position: 'P50', time: 't', data: { reason: 'retention' } });
    await flush();
    expect(calls).toBe(4);
    expect(tracker.value).toEqual({ unreadCount: 0, version: 9 });
  });

  it('reports an answer that is not { unreadCount, version } and keeps the count it had', async () => {
    let answer: unknown = { unreadCount: 2, version: 2 };
    const tracker = trackUnreadCount(client, {
      fetchUnreadCount: async () => answer as UnreadCount,
      onError: (e) => errors.push(e),
    });
    await flush();
    expect(tracker.value).toEqual({ unreadCount: 2, version: 2 });
    answer = 7; // an application that still returns a bare number
    await tracker.refresh();
    expect(tracker.value).toEqual({ unreadCount: 2, version: 2 });
    expect(String(errors[0])).toMatch(/unreadCount, version/);
  });

  it('stop() removes its listeners and ignores answers still on their way', async () => {
    const before = client.listenerCount;
    const rest = manualFetch();
    const tracker = trackUnreadCount(client, { fetchUnreadCount: rest.fetch });
    expect(client.listenerCount).toBeGreaterThan(before);
    tracker.stop();
    expect(client.listenerCount).toBe(before);
    await rest.answer(0, { unreadCount: 3, version: 3 });
    expect(tracker.value).toBeNull();
  });
});
