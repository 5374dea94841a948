// Resume without gap or duplicate: after a replica goes away (server-side close), after network
// loss (client side), with drops timed between the welcome and the first replayed frame, from
// Kafka when the gap is older than the replica's memory, and resync when it is beyond retention.
import { afterEach, describe, expect, it } from 'vitest';

import WebSocket from 'ws';

import type { RealtimeClient } from '../src/index.js';
import {
  client,
  creditsEvents,
  gateway,
  GATEWAY_A,
  GATEWAY_B,
  gatewayHas,
  live,
  publish,
  sleep,
  token,
  truncate,
  uuid,
  waitFor,
  type TestClient,
} from './harness.js';

const opened: TestClient[] = [];

afterEach(() => {
  opened.splice(0).forEach((c) => c.rt.dispose());
});

/** What the application was handed of one startup's credits events: balances in arrival order, ids once each. */
function ledger(rt: RealtimeClient): { balances: number[]; ids: string[] } {
  const seen = { balances: [] as number[], ids: [] as string[] };
  rt.on('credits:updated', (e) => {
    seen.balances.push(e.data.balance);
    seen.ids.push(e.id);
  });
  return seen;
}

function expectExactlyOnceInOrder(seen: { balances: number[]; ids: string[] }, count: number): void {
  expect(new Set(seen.ids).size).toBe(seen.ids.length);
  expect(seen.balances).toEqual(Array.from({ length: count }, (_, i) => i));
}

async function publishInBatches(
  startupId: string,
  count: number,
  batch: number,
  pauseMs: number,
  during?: (sent: number) => Promise<void>,
): Promise<void> {
  for (let sent = 0; sent < count; sent += batch) {
    await publish(...creditsEvents(startupId, sent, Math.min(batch, count - sent)));
    await during?.(sent + batch);
    await sleep(pauseMs);
  }
}

describe('resume', () => {
  it('a replica that stops while events flow: the client resumes on the other one, nothing missing, nothing twice', async () => {
    const startup = uuid();
    let target = GATEWAY_B;
    const c = client({ endpoint: 'admin', token: () => token(), url: () => target, goingAwaySpreadMs: 200 });
    opened.push(c);
    const seen = ledger(c.rt);
    const closes: number[] = [];
    c.rt.onStateChange((s) => {
      if (s.status === 'offline' && s.lastClose) {
        closes.push(s.lastClose.code);
      }
    });
    await live(c.rt);
    try {
      await publishInBatches(startup, 300, 10, 30, async (sent) => {
        if (sent === 100) {
          target = GATEWAY_A;
          await gateway('b', 'stop');
        }
      });
      await waitFor(() => seen.balances.length >= 300, '300 events', 30_000);
      await live(c.rt);
      expectExactlyOnceInOrder(seen, 300);
      // a stopping gateway closes its sockets itself (1000 or 1001): the SDK comes back at once, spread
      expect(closes.some((code) => code === 1000 || code === 1001)).toBe(true);
      expect(c.rt.diagnostics.resumes).toBe(1);
      expect(c.rt.diagnostics.resyncs).toBe(0);
    } finally {
      await gateway('b', 'start');
    }
  });

  it('client-side network loss, again and again while events flow: nothing missing, nothing twice', async () => {
    const startup = uuid();
    const c = client({
      endpoint: 'client',
      token: () => token({ role: 'startup', startupId: startup }),
      backoff: { baseMs: 200 },
    });
    opened.push(c);
    const seen = ledger(c.rt);
    await live(c.rt);
    // a cut after every 30 events published: 9 cuts, each of a socket that is open and live again (its
    // resume done), whatever the machine's speed. Cutting a socket before its resume completes keeps the
    // SDK's backoff growing (it resets once live), and by the 9th such cut the wait may pass 20 s; cuts
    // during a resume are the next test's subject
    let cuts = 0;
    await publishInBatches(startup, 300, 10, 40, async (sent) => {
      if (sent % 30 === 0 && sent < 300) {
        await waitFor(
          () =>
            c.sockets.all.length > cuts &&
            c.sockets.current.readyState === WebSocket.OPEN &&
            c.rt.state.status === 'live',
          `socket ${cuts + 1} open and live`,
        );
        c.sockets.cut();
        cuts++;
      }
    });
    await waitFor(() => seen.balances.length >= 300, '300 events', 30_000);
    await live(c.rt);
    expectExactlyOnceInOrder(seen, 300);
    expect(cuts).toBe(9);
    expect(c.sockets.all.length).toBeGreaterThan(cuts);
  });

  it('drops timed between the welcome and the first replayed frame never skip the replay', async () => {
    const startup = uuid();
    const adminToken = await token();
    // a client that was live at position `from`, then missed 300 events
    const before = client({ endpoint: 'admin', token: () => adminToken });
    opened.push(before);
    await live(before.rt);
    const from = before.rt.position;
    before.rt.dispose();
    expect(from).toBeTruthy();
    await publish(...creditsEvents(startup, 0, 300));

    // its next sockets are cut the moment their welcome arrives, before the replay is handled
    const welcomes: { requested: string | null; welcome: string | undefined }[] = [];
    const urls: string[] = [];
    let toDrop = 5;
    const c = client(
      { endpoint: 'admin', token: () => adminToken, position: from, backoff: { baseMs: 50, capMs: 200 } },
      (s) => {
        const url = s.url;
        urls.push(url);
        s.prependListener('message', (data) => {
          const f = JSON.parse(String(data)) as { event: string; position?: string };
          if (f.event === 'system:welcome') {
            welcomes.push({ requested: new URL(url).searchParams.get('position'), welcome: f.position });
            if (toDrop-- > 0) {
              s.terminate();
            }
          }
        });
      },
    );
    opened.push(c);
    const seen = ledger(c.rt);
    // five sockets dropped at their welcome, then one that stays: done when it is live with all 300
    await waitFor(
      () => welcomes.length >= 6 && seen.balances.length >= 300 && c.rt.state.status === 'live',
      'five drops at the welcome, then 300 replayed events',
      60_000,
    );
    expectExactlyOnceInOrder(seen, 300);
    expect(toDrop).toBeLessThan(0); // every one of the five drops happened
    expect(new URL(urls[0]!).searchParams.get('position')).toBe(from);
    if (await gatewayHas('token-check')) {
      // CONTRACT-gateway-protocol.md 1: with ?position= the welcome carries that position, not the head
      for (const w of welcomes) {
        expect(w.welcome).toBe(w.requested);
      }
    }
  });

  it('a gap older than the replica’s memory is replayed from Kafka', async () => {
    const startup = uuid();
    const c = client({
      endpoint: 'client',
      url: GATEWAY_B,
      token: () => token({ role: 'startup', startupId: startup }),
    });
    opened.push(c);
    // stays on replica b: once it has all 100, so has b's feed (publish is acknowledged by Kafka, not by b)
    const witness = client({
      endpoint: 'client',
      url: GATEWAY_B,
      token: () => token({ role: 'startup', startupId: startup }),
    });
    opened.push(witness);
    const witnessed = ledger(witness.rt);
    const seen = ledger(c.rt);
    const resumed: unknown[] = [];
    c.rt.on('system:resumed', (f) => resumed.push(f.data));
    await live(c.rt);
    await live(witness.rt);
    c.rt.close();
    await publish(...creditsEvents(startup, 0, 100)); // one key, one partition: 100 > the 20 replica b keeps
    await waitFor(() => witnessed.balances.length === 100, 'replica b to have consumed the 100 events', 30_000);
    c.rt.connect();
    // the replayed events, then system:resumed
    await waitFor(() => seen.balances.length >= 100 && resumed.length > 0, '100 events and system:resumed', 30_000);
    expectExactlyOnceInOrder(seen, 100);
    expect(resumed).toHaveLength(1);
    expect(resumed[0]).toMatchObject({ source: 'kafka' });
  });

  it('a gap beyond Kafka’s retention: onResync refetches, then the client goes on live', async () => {
    const startup = uuid();
    const resyncs: string[] = [];
    const c = client({
      endpoint: 'client',
      url: GATEWAY_B,
      token: () => token({ role: 'startup', startupId: startup }),
      onResync: async ({ reason }) => {
        await sleep(200); // a REST refetch
        resyncs.push(reason);
      },
    });
    opened.push(c);
    const metrics: number[] = [];
    c.rt.on('metrics:updated', (e) => metrics.push(Number(e.data.counters?.['n'])));
    await live(c.rt);
    const event = (n: number) => ({
      type: 'metrics.updated',
      subject: startup,
      startupId: startup,
      data: { scope: 'startup', startupId: startup, counters: { n }, computedAt: new Date().toISOString() },
    });
    await publish(event(0));
    await waitFor(() => metrics.length === 1, 'the first metrics event');
    c.rt.close();
    await publish(...Array.from({ length: 30 }, (_, i) => event(i + 1)));
    await truncate('metrics');
    c.rt.connect();
    await waitFor(() => resyncs.length === 1 && c.rt.state.status === 'live', 'resync, then live');
    expect(resyncs[0]).toMatch(/retention/);
    expect(c.rt.diagnostics.resyncs).toBe(1);
    await publish(event(100));
    await waitFor(() => metrics.includes(100), 'a live event after the resync');
    expect(metrics).toEqual([0, 100]);
  });
});
