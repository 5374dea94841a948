import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { backoffDelay, createRealtime, RecentIds, subscriptionFor, type RealtimeClient } from '../src/index.js';
import type { EnvironmentLike, RealtimeOptions } from '../src/types.js';
import { fakeServer, flush, type FakeSocket } from './fake-socket.js';

type Server = ReturnType<typeof fakeServer>;

let server: Server;
let clients: RealtimeClient[];
let errors: unknown[];

function client(extra: Partial<RealtimeOptions> = {}): RealtimeClient {
  const c = createRealtime({
    url: 'http://gw.test',
    endpoint: 'admin',
    token: () => 'tok',
    WebSocket: server.WebSocket,
    environment: null,
    onError: (e) => errors.push(e),
    fetch: (async () => new Response(null, { status: 204 })) as typeof fetch,
    ...extra,
  });
  clients.push(c);
  return c;
}

async function opened(): Promise<FakeSocket> {
  await flush();
  return server.last().open();
}

beforeEach(() => {
  vi.useFakeTimers();
  server = fakeServer();
  clients = [];
  errors = [];
});

afterEach(() => {
  clients.forEach((c) => c.dispose());
  vi.useRealTimers();
});

describe('connecting', () => {
  it('sends the token as a subprotocol to the endpoint, asking the token callback on every connect', async () => {
    let n = 0;
    const c = client({ token: async () => `token-${++n}` });
    const s = await opened();
    expect(s.url).toBe('ws://gw.test/admin');
    expect(s.protocols).toEqual(['bearer-token-carrier', 'quarkus-http-upgrade#Authorization#Bearer%20token-1']);
    s.welcome().serverClose(4008, 'slow consumer');
    await flush();
    expect(server.sockets).toHaveLength(2);
    expect(server.last().protocols?.[1]).toBe('quarkus-http-upgrade#Authorization#Bearer%20token-2');
    expect(c.state.status).toBe('connecting');
  });

  it('can send the token as ?access_token= instead', async () => {
    client({ tokenTransport: 'query', url: 'wss://gw.test/' });
    const s = await opened();
    expect(s.url).toBe('wss://gw.test/admin?access_token=tok');
    expect(s.protocols).toBeUndefined();
  });

  it('goes live on the welcome of a fresh connection and takes its position as the first one', async () => {
    const c = client();
    const states: string[] = [];
    c.onStateChange((s) => states.push(s.status));
    const s = await opened();
    expect(c.state.status).toBe('catchingUp');
    s.welcome('P0');
    expect(c.state.status).toBe('live');
    expect(c.position).toBe('P0');
    expect(states).toEqual(['catchingUp', 'live']);
  });
});

describe('position', () => {
  it('resumes with ?position= and does not adopt the welcome or heartbeat position (the live head)', async () => {
    const c = client({ position: 'P1' });
    let s = await opened();
    expect(s.query('position')).toBe('P1');
    s.welcome('HEAD').frame({ event: 'system:heartbeat', position: 'HEAD2', time: 't', data: {} });
    expect(c.position).toBe('P1');
    expect(c.state.status).toBe('catchingUp');
    // the socket drops between the welcome and the first replayed frame
    s.serverClose(1006);
    await vi.advanceTimersByTimeAsync(600);
    s = await opened();
    expect(s.query('position')).toBe('P1');
    s.welcome('P1')
      .event('signal:created', 'e1', 'P2')
      .frame({ event: 'system:resumed', position: 'P3', time: 't', data: { replayed: 1 } });
    expect(c.position).toBe('P3');
    expect(c.state.status).toBe('live');
  });

  it('advances from each event frame after its listeners ran', async () => {
    const c = client();
    const seenAt: (string | null)[] = [];
    c.on('credits:updated', () => seenAt.push(c.position));
    const s = await opened();
    s.welcome('P0').event('credits:updated', 'e1', 'P1').event('credits:updated', 'e2', 'P2');
    expect(seenAt).toEqual(['P0', 'P1']);
    expect(c.position).toBe('P2');
  });

  it('forgets a position the gateway cannot read', async () => {
    const c = client({ position: 'garbage' });
    const s = await opened();
    s.welcome('garbage').frame({ event: 'system:error', time: 't', data: { code: 'invalid-position', message: 'x' } });
    expect(c.position).toBeNull();
  });
});

describe('delivery', () => {
  it('hands each event id over once (bounded memory of recent ids)', async () => {
    const c = client({ dedupeWindow: 2 });
    const got: string[] = [];
    c.on('*', (e) => got.push(e.id));
    const s = await opened();
    s.welcome()
      .event('signal:created', 'a', 'P1')
      .event('signal:created', 'a', 'P1')
      .event('signal:created', 'b', 'P2')
      .event('signal:created', 'c', 'P3')
      .event('signal:created', 'a', 'P4');
    // 'a' fell out of the 2-id window before its last copy
    expect(got).toEqual(['a', 'b', 'c', 'a']);
    expect(c.diagnostics.duplicates).toBe(1);
  });

  it('gives an alias event to the listeners of each of its names once, under the name they asked for', async () => {
    const c = client();
    const byAlias: string[] = [];
    const byPrimary: string[] = [];
    const byAll: string[] = [];
    c.on('match:generated', (e) => byAlias.push(`${e.event}/${e.id}`));
    c.on('signal:matchGenerated', (e) => byPrimary.push(`${e.event}/${e.id}`));
    c.on('*', (e) => byAll.push(`${e.event}/${e.id}`));
    const s = await opened();
    s.welcome()
      .event('signal:matchGenerated', 'm1', 'P1', { signalId: 's' })
      .event('match:generated', 'm1', 'P1', { signalId: 's' })
      // the primary frame of m2 was lost (socket dropped between the two frames): the alias frame is enough
      .event('match:generated', 'm2', 'P2', { signalId: 's' });
    expect(byAlias).toEqual(['match:generated/m1', 'match:generated/m2']);
    expect(byPrimary).toEqual(['signal:matchGenerated/m1', 'signal:matchGenerated/m2']);
    expect(byAll).toEqual(['signal:matchGenerated/m1', 'signal:matchGenerated/m2']);
    expect(c.diagnostics.duplicates).toBe(1);
  });

  it('keeps calling other listeners when one throws, and reports the error', async () => {
    const c = client();
    const got: string[] = [];
    c.on('credits:*', () => {
      throw new Error('boom');
    });
    c.on('credits:updated', (e) => got.push(e.id));
    const s = await opened();
    s.welcome().event('credits:updated', 'e1', 'P1');
    expect(got).toEqual(['e1']);
    expect(errors).toHaveLength(1);
    expect(c.position).toBe('P1');
  });

  it('stops calling a listener once removed', async () => {
    const c = client();
    const got: string[] = [];
    const off = c.on('credits:updated', (e) => got.push(e.id));
    const s = await opened();
    s.welcome().event('credits:updated', 'e1', 'P1');
    off();
    s.event('credits:updated', 'e2', 'P2');
    expect(got).toEqual(['e1']);
    expect(c.listenerCount).toBe(0);
  });

  it('re-checks the admin filter on payloads (a replay starts before subscribe applies)', async () => {
    const c = client({ filter: { startups: ['s1'] } });
    const got: string[] = [];
    c.on('credits:updated', (e) => got.push(e.id));
    const s = await opened();
    s.welcome()
      .event('credits:updated', 'e1', 'P1', { startupId: 's2' })
      .event('credits:updated', 'e2', 'P2', { startupId: 's1' });
    expect(got).toEqual(['e2']);
    expect(c.position).toBe('P2');
  });
});

describe('subscription', () => {
  it('is the union of the listened patterns, sent after the welcome (never before: it would end a resume wait)', async () => {
    const c = client();
    c.on('signal:*', () => {});
    c.on('credits:updated', () => {});
    c.on('match:generated', () => {});
    c.on('system:resumed', () => {});
    const s = await opened();
    await flush();
    expect(s.sent).toEqual([]);
    s.welcome();
    expect(s.ops()).toEqual([
      { op: 'subscribe', events: ['credits:updated', 'signal:*', 'signal:matchGenerated'], startups: [], signals: [] },
    ]);
  });

  it('is sent after the welcome of a resumed connection too, and again (coalesced) when listeners change', async () => {
    const c = client({ position: 'P1', endpoint: 'client' });
    const off = c.on('credits:updated', () => {});
    const s = await opened();
    s.welcome('P1');
    expect(s.ops()).toEqual([{ op: 'subscribe', events: ['credits:updated'] }]);
    c.on('assignment:*', () => {});
    c.on('signal:published', () => {});
    off();
    await flush();
    expect(s.ops()).toHaveLength(2);
    expect(s.ops()[1]).toEqual({ op: 'subscribe', events: subscriptionFor(['assignment:*', 'signal:published']) });
  });

  it('maps patterns to the gateway filter', () => {
    expect(subscriptionFor([])).toEqual(['system:none']);
    expect(subscriptionFor(['signal:*', '*'])).toEqual([]);
    expect(subscriptionFor(['organization:synced'])).toEqual(['airtable:organization:synced']);
    expect(subscriptionFor(['organization:*'])).toEqual(['airtable:organization:synced', 'organization:*']);
    expect(subscriptionFor(['system:*'])).toEqual(['system:none']);
  });

  it('sends the admin filter and resends it when it changes', async () => {
    const c = client();
    c.on('assignment:*', () => {});
    const s = await opened();
    s.welcome();
    c.setFilter({ startups: ['b', 'a', 'a'], signals: [] });
    await flush();
    expect(s.ops()[1]).toEqual({
      op: 'subscribe',
      events: subscriptionFor(['assignment:*']),
      startups: ['a', 'b'],
      signals: [],
    });
  });

  it('refuses bad patterns and startup filters on /client', () => {
    const c = client({ endpoint: 'client' });
    expect(() => c.on('signal:**' as never, () => {})).toThrow(/not an event pattern/);
    expect(() => c.setFilter({ startups: ['x'] })).toThrow(/only admins/);
  });
});

describe('reconnecting', () => {
  it('waits a full-jitter exponential backoff after a lost connection, capped', () => {
    const opts = { baseMs: 500, capMs: 4_000, maxTries: Infinity };
    expect(backoffDelay(0, opts, () => 0.999)).toBe(499);
    expect(backoffDelay(1, opts, () => 0.5)).toBe(500);
    expect(backoffDelay(3, opts, () => 0.999)).toBe(3_996);
    expect(backoffDelay(10, opts, () => 0.999)).toBe(3_996);
    expect(backoffDelay(10, opts, () => 0)).toBe(0);
  });

  it('retries after 1006 within [0, base·2^attempt) and counts attempts until it is live again', async () => {
    const c = client({ random: () => 0.5, backoff: { baseMs: 1_000, capMs: 60_000 } });
    (await opened()).welcome().serverClose(1006);
    expect(c.state.status).toBe('offline');
    expect(c.state.retryAt! - Date.now()).toBe(500);
    await vi.advanceTimersByTimeAsync(499);
    expect(server.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await flush();
    expect(server.sockets).toHaveLength(2);
    server.last().refuse();
    await flush();
    expect(c.state.attempt).toBe(2);
    expect(c.state.retryAt! - Date.now()).toBe(1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    const s = await opened();
    s.welcome();
    expect(c.state).toMatchObject({ status: 'catchingUp', attempt: 2 });
    s.frame({ event: 'system:resumed', position: 'P', time: 't', data: {} });
    expect(c.state).toMatchObject({ status: 'live', attempt: 0, offlineSince: null });
  });

  it('resumes at once after 4008 (slow consumer) and 4001 (dead peer)', async () => {
    client({ random: () => 0.99 });
    (await opened()).welcome('P0').serverClose(4008);
    await flush();
    expect(server.sockets).toHaveLength(2);
    (await opened()).welcome('P0').serverClose(4001);
    await flush();
    expect(server.sockets).toHaveLength(3);
    expect(server.last().query('position')).toBe('P0');
  });

  it.each([1001, 1000])(
    'comes back after %i (a replica stopping) at once, spread over goingAwaySpreadMs, and resumes',
    async (code) => {
      const c = client({ random: () => 0.25, goingAwaySpreadMs: 2_000 });
      (await opened()).welcome('P0').event('credits:updated', 'e1', 'P1').serverClose(code);
      await vi.advanceTimersByTimeAsync(499);
      expect(server.sockets).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      const s = await opened();
      expect(s.query('position')).toBe('P1');
      s.welcome('P1').frame({
        event: 'system:resumed',
        position: 'P2',
        time: 't',
        data: { replayed: 0, source: 'memory' },
      });
      expect(c.state.status).toBe('live');
      expect(c.diagnostics.resumes).toBe(1);
    },
  );

  it('asks for a fresh token and reconnects at once after 1008 (token expired); backs off if it repeats', async () => {
    const tokens: string[] = [];
    client({
      token: () => {
        tokens.push(`t${tokens.length}`);
        return tokens[tokens.length - 1]!;
      },
      random: () => 0.5,
    });
    (await opened()).welcome('P0').serverClose(1008, 'Authentication expired');
    await flush();
    expect(server.sockets).toHaveLength(2);
    expect(tokens).toEqual(['t0', 't1']);
    (await opened()).welcome('P0').serverClose(1008);
    await flush();
    expect(server.sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(250);
    await flush();
    expect(server.sockets).toHaveLength(3);
  });

  it('stops after maxTries failed attempts', async () => {
    const c = client({ backoff: { maxTries: 2 }, random: () => 0 });
    for (let i = 0; i < 3; i++) {
      await flush();
      server.last().refuse();
      await flush();
      await vi.advanceTimersByTimeAsync(1);
    }
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.sockets).toHaveLength(3);
    expect(c.state.status).toBe('offline');
    expect(c.state.error).toMatch(/gave up after 2 attempts/);
  });

  it('drops a silent connection: ping after heartbeatTimeoutMs, reconnect without an answer', async () => {
    client({ heartbeatTimeoutMs: 1_000, pingTimeoutMs: 500 });
    const s = await opened();
    s.welcome('P0');
    await vi.advanceTimersByTimeAsync(1_300);
    expect(s.sent.filter((x) => x === '{"op":"ping"}')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(700);
    await flush();
    expect(s.closedByClient?.code).toBe(4000);
    expect(server.sockets).toHaveLength(2);
    expect(server.last().query('position')).toBe('P0');
  });
});

describe('auth', () => {
  function checker(...statuses: number[]): { fetch: typeof fetch; calls: string[] } {
    const calls: string[] = [];
    return {
      calls,
      fetch: (async (url: string, init?: RequestInit) => {
        calls.push(`${url} ${(init?.headers as Record<string, string>).Authorization}`);
        const status = statuses.shift() ?? 204;
        return new Response(
          status === 204 ? null : JSON.stringify({ error: 'unauthorized', message: 'token expired' }),
          { status },
        );
      }) as typeof fetch,
    };
  }

  it('asks /api/token-check after a refused connect; tries one fresh token; then authFailed and no more retries', async () => {
    const check = checker(401, 401);
    let n = 0;
    const c = client({ fetch: check.fetch, token: () => `t${++n}` });
    await flush();
    server.last().refuse();
    await flush();
    expect(check.calls).toEqual(['http://gw.test/api/token-check?endpoint=admin Bearer t1']);
    expect(server.sockets).toHaveLength(2);
    server.last().refuse();
    await flush();
    expect(c.state.status).toBe('authFailed');
    expect(c.state.error).toBe('the gateway refused the token (401): token expired');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(server.sockets).toHaveLength(2);
    // the application signs in again
    c.connect();
    await flush();
    expect(server.sockets).toHaveLength(3);
  });

  it('treats a refused connect with a valid token as a network problem (backoff)', async () => {
    const check = checker(204);
    const c = client({ fetch: check.fetch, random: () => 0 });
    await flush();
    server.last().refuse();
    await flush();
    expect(c.state.status).toBe('offline');
    expect(c.state.error).toMatch(/token-check 204/);
    await vi.advanceTimersByTimeAsync(1);
    await flush();
    expect(server.sockets).toHaveLength(2);
  });

  it('treats an unreachable gateway as a network problem', async () => {
    const c = client({
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
      random: () => 0,
    });
    await flush();
    server.last().refuse();
    await flush();
    expect(c.state.error).toBe('gateway unreachable');
  });

  it('a token callback that fails counts as a failed attempt', async () => {
    const c = client({
      token: async () => {
        throw new Error('signed out');
      },
      random: () => 0,
    });
    await flush();
    expect(c.state.status).toBe('offline');
    expect(c.state.error).toBe('no token: signed out');
    expect(server.sockets).toHaveLength(0);
  });
});

describe('resync', () => {
  it('calls onResync, holds events until it settles, then goes live from the given position', async () => {
    let finish!: () => void;
    const onResync = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          finish = resolve;
        }),
    );
    const c = client({ position: 'OLD', onResync });
    const got: string[] = [];
    c.on('signal:*', (e) => got.push(e.id));
    const s = await opened();
    s.welcome('OLD').frame({
      event: 'system:resyncRequired',
      position: 'P9',
      time: 't',
      data: { reason: 'retention' },
    });
    expect(onResync).toHaveBeenCalledWith({ reason: 'retention' });
    expect(c.position).toBe('P9');
    expect(c.state.status).toBe('catchingUp');
    s.event('signal:created', 'e10', 'P10');
    expect(got).toEqual([]);
    finish();
    await flush();
    expect(got).toEqual(['e10']);
    expect(c.position).toBe('P10');
    expect(c.state.status).toBe('live');
  });
});

describe('browser signals', () => {
  function environment(): EnvironmentLike & { fire(type: string): void; visibility: string; online: boolean } {
    const handlers = new Map<string, Set<() => void>>();
    const on = (t: string, h: () => void) => handlers.set(t, (handlers.get(t) ?? new Set()).add(h));
    const off = (t: string, h: () => void) => handlers.get(t)?.delete(h);
    const env = {
      visibility: 'visible',
      online: true,
      addEventListener: on,
      removeEventListener: off,
      get navigator() {
        return { onLine: env.online };
      },
      document: {
        get visibilityState() {
          return env.visibility;
        },
        addEventListener: on,
        removeEventListener: off,
      },
      fire(type: string) {
        handlers.get(type)?.forEach((h) => h());
      },
    };
    return env;
  }

  it('drops the socket when the browser goes offline and reconnects when it is back', async () => {
    const env = environment();
    const c = client({ environment: env, random: () => 0 });
    const s = await opened();
    s.welcome('P0');
    env.online = false;
    env.fire('offline');
    expect(c.state.status).toBe('offline');
    expect(c.state.error).toBe('browser offline');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.sockets).toHaveLength(1);
    env.online = true;
    env.fire('online');
    await vi.advanceTimersByTimeAsync(1);
    await flush();
    expect(server.sockets).toHaveLength(2);
    expect(server.last().query('position')).toBe('P0');
  });

  it('retries at once when the page becomes visible while waiting, and checks a live link with a ping', async () => {
    const env = environment();
    client({ environment: env, random: () => 0.99, backoff: { baseMs: 60_000 } });
    const s = await opened();
    s.welcome('P0');
    env.fire('visibilitychange');
    expect(s.sent).toContain('{"op":"ping"}');
    s.serverClose(1006);
    expect(server.sockets).toHaveLength(1);
    env.fire('visibilitychange');
    await flush();
    expect(server.sockets).toHaveLength(2);
  });

  it('stops listening to the browser on close()', async () => {
    const env = environment();
    const c = client({ environment: env });
    await opened();
    c.close();
    env.fire('online');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(server.sockets).toHaveLength(1);
    expect(c.state.status).toBe('idle');
  });
});

describe('RecentIds', () => {
  it('keeps at most capacity ids', () => {
    const r = new RecentIds(3);
    ['a', 'b', 'c', 'd'].forEach((id) => r.add(id));
    expect(r.size).toBe(3);
    expect(r.has('a')).toBe(false);
    expect(r.has('d')).toBe(true);
    r.add('d');
    expect(r.size).toBe(3);
  });
});
