// Delivery by room and audience, a REST change through the whole write path, selective
// subscription, the admin filter and alias dedupe — over real sockets to a real gateway.
import { afterEach, describe, expect, it } from 'vitest';

import type { RealtimeClient } from '../src/index.js';
import { client, live, publish, rest, SIGNAL, sleep, token, uuid, waitFor, type TestClient } from './harness.js';

const opened: TestClient[] = [];

function track(c: TestClient): TestClient {
  opened.push(c);
  return c;
}

afterEach(() => {
  opened.splice(0).forEach((c) => c.rt.dispose());
});

/** Everything a client is handed, as `event/id`. */
function record(rt: RealtimeClient, pattern: '*' | `${string}*` = '*'): string[] {
  const got: string[] = [];
  rt.on(pattern as '*', (e) => got.push(`${e.event}/${e.id}`));
  return got;
}

/** Raw event frames the socket received (not the SDK's view), by name. */
function rawFrames(c: TestClient): string[] {
  const frames: string[] = [];
  const attach = (s: { on(event: 'message', l: (data: unknown) => void): void }) =>
    s.on('message', (data) => {
      const f = JSON.parse(String(data)) as { event: string; id?: string };
      if (!f.event.startsWith('system:')) {
        frames.push(`${f.event}/${f.id}`);
      }
    });
  c.sockets.all.forEach(attach);
  return frames;
}

describe('delivery by room and audience', () => {
  it('an admin gets every admin event; a startup gets its own and the public ones, never another startup’s', async () => {
    const s1 = uuid();
    const s2 = uuid();
    const admin = track(client({ endpoint: 'admin', token: () => token() }));
    const one = track(client({ endpoint: 'client', token: () => token({ role: 'startup', startupId: s1 }) }));
    const two = track(client({ endpoint: 'client', token: () => token({ role: 'startup', startupId: s2 }) }));
    const got = [record(admin.rt), record(one.rt), record(two.rt)];
    await Promise.all([live(admin.rt), live(one.rt), live(two.rt)]);

    const [c1, created, published, c2, fence] = await publish(
      { type: 'credits.updated', subject: s1, startupId: s1, data: { startupId: s1, balance: 10, delta: 10 } },
      { type: 'startup.created', subject: s1, data: { startupId: s1, name: 'Drone Co' } },
      { type: 'signal.published', data: { signalId: uuid(), title: 'public pool signal' } },
      { type: 'credits.updated', subject: s2, startupId: s2, data: { startupId: s2, balance: 20, delta: 20 } },
      { type: 'signal.published', data: { signalId: uuid(), title: 'fence' } },
    );
    const everything = [
      `credits:updated/${c1}`,
      `startup:created/${created}`,
      `signal:published/${published}`,
      `credits:updated/${c2}`,
      `signal:published/${fence}`,
    ];
    await waitFor(() => got[0]!.length >= 5 && got[1]!.length >= 3 && got[2]!.length >= 3, 'every expected event');
    await sleep(300); // anything wrongly routed would have arrived by now, like the rest
    // different topics are different partitions: compare as sets (order is per key, see resume tests)
    expect(got[0]!.slice().sort()).toEqual(everything.slice().sort());
    expect(got[1]!.slice().sort()).toEqual(
      [`credits:updated/${c1}`, `signal:published/${published}`, `signal:published/${fence}`].sort(),
    );
    expect(got[2]!.slice().sort()).toEqual(
      [`signal:published/${published}`, `credits:updated/${c2}`, `signal:published/${fence}`].sort(),
    );
  });

  it('a change made over REST (signal-service) reaches the admin and the startup it concerns', async () => {
    const adminToken = await token();
    const admin = track(client({ endpoint: 'admin', token: () => adminToken }));
    const created: Record<string, unknown>[] = [];
    admin.rt.on('startup:created', (e) => created.push(e.data as unknown as Record<string, unknown>));
    await live(admin.rt);
    const startup = await rest.ok<{ id: string }>(
      'POST',
      `${SIGNAL}/api/startups`,
      { name: `Harbor AI ${uuid().slice(0, 6)}`, sectors: ['ai'] },
      adminToken,
    );
    await waitFor(() => created.some((d) => d['startupId'] === startup.id), 'startup:created for the new startup');

    const mine = track(client({ endpoint: 'client', token: () => token({ role: 'startup', startupId: startup.id }) }));
    const balances: number[] = [];
    mine.rt.on('credits:updated', (e) => balances.push(e.data.balance));
    await live(mine.rt);
    await rest.ok(
      'POST',
      `${SIGNAL}/api/startups/${startup.id}/credits/allocations`,
      { amount: 25, reason: 'it' },
      adminToken,
    );
    await waitFor(() => balances.includes(25), 'credits:updated with the new balance on the startup’s socket');
  });
});

describe('selective subscription and filters', () => {
  it('the socket carries only what the page listens to, and follows the listeners', async () => {
    const s1 = uuid();
    const c = track(client({ endpoint: 'admin', token: () => token() }));
    const credits: string[] = [];
    c.rt.on('credits:updated', (e) => credits.push(e.id));
    await live(c.rt);
    const raw = rawFrames(c);
    await waitFor(() => JSON.stringify(c.rt.serverFilter?.['events']) === '["credits:updated"]', 'system:subscribed');
    raw.splice(0); // what the socket carried before the page's filter applied (other tests' admin events)

    const [startupEvent, c1] = await publish(
      { type: 'startup.created', subject: s1, data: { startupId: s1, name: 'not shown' } },
      { type: 'credits.updated', subject: s1, startupId: s1, data: { startupId: s1, balance: 1, delta: 1 } },
    );
    await waitFor(() => credits.includes(c1!), 'the credits event');
    expect(raw).toEqual([`credits:updated/${c1}`]);
    expect(startupEvent).toBeDefined();

    const startups: string[] = [];
    c.rt.on('startup:*', (e) => startups.push(e.id));
    await waitFor(
      () => JSON.stringify(c.rt.serverFilter?.['events']) === '["credits:updated","startup:*"]',
      'the widened filter',
    );
    const [s2] = await publish({ type: 'startup.created', subject: s1, data: { startupId: s1, name: 'shown' } });
    await waitFor(() => startups.includes(s2!), 'the startup event after the page listened to it');
  });

  it('an admin narrows to one startup and to one signal; the filter survives a reconnect', async () => {
    const s1 = uuid();
    const s2 = uuid();
    const sig = uuid();
    const c = track(client({ endpoint: 'admin', token: () => token(), filter: { startups: [s1] } }));
    const got = record(c.rt);
    await live(c.rt);
    const [a1, , a3] = await publish(
      ...[s1, s2, s1].map((s, i) => ({
        type: 'credits.updated',
        subject: s,
        startupId: s,
        data: { startupId: s, balance: i, delta: 1 },
      })),
    );
    await waitFor(() => got.length >= 2 && got.includes(`credits:updated/${a3}`), 'the events of startup 1');
    expect(got).toEqual([`credits:updated/${a1}`, `credits:updated/${a3}`]);

    c.sockets.cut();
    await live(c.rt, 'the reconnected client');
    c.rt.setFilter({ signals: [sig] });
    await waitFor(() => JSON.stringify(c.rt.serverFilter?.['signals']) === JSON.stringify([sig]), 'the signal filter');
    got.length = 0;
    const [, b2] = await publish(
      { type: 'signal.updated', subject: uuid(), data: { signalId: uuid(), title: 'other' } },
      { type: 'signal.updated', subject: sig, data: { signalId: sig, title: 'mine' } },
    );
    await waitFor(() => got.includes(`signal:updated/${b2}`), 'the event of the filtered signal');
    expect(got).toEqual([`signal:updated/${b2}`]);
  });
});

describe('alias dedupe', () => {
  it('an event with a legacy alias reaches each listener once, under the name it listens to', async () => {
    // a page that listens to both names (and to everything)
    const both = track(client({ endpoint: 'admin', token: () => token() }));
    const byName: string[] = [];
    both.rt.on('match:generated', (e) => byName.push(`alias ${e.event}/${e.id}`));
    both.rt.on('signal:matchGenerated', (e) => byName.push(`primary ${e.event}/${e.id}`));
    const all = record(both.rt);
    // a page that listens to the alias only: the gateway sends it the primary frame alone
    const aliasOnly = track(client({ endpoint: 'admin', token: () => token() }));
    const legacy: string[] = [];
    aliasOnly.rt.on('match:generated', (e) => legacy.push(`${e.event}/${e.id}`));
    await Promise.all([live(both.rt), live(aliasOnly.rt)]);
    const rawBoth = rawFrames(both);
    const rawAlias = rawFrames(aliasOnly);
    await waitFor(() => aliasOnly.rt.serverFilter !== null && both.rt.serverFilter !== null, 'system:subscribed');
    // only this test's signal: signal-service's matcher may publish matches of other tests' signals meanwhile
    const signalId = uuid();
    for (const c of [both, aliasOnly]) c.rt.setFilter({ signals: [signalId] });
    await waitFor(
      () =>
        [both, aliasOnly].every((c) => JSON.stringify(c.rt.serverFilter?.['signals']) === JSON.stringify([signalId])),
      'the signal filter',
    );
    // what the catch-all and the raw sockets heard before the filter (other tests' events, e.g. analytics:updated)
    for (const heard of [all, rawBoth, rawAlias]) heard.splice(0);
    const [m] = await publish({ type: 'signal.match-generated', subject: signalId, data: { signalId, matches: [] } });
    // at least: anything more fails the exact comparisons below, with what it was
    await waitFor(() => rawBoth.length >= 2 && legacy.length >= 1, 'both frames of the event');
    expect(rawBoth).toEqual([`signal:matchGenerated/${m}`, `match:generated/${m}`]);
    expect(byName.sort()).toEqual([`alias match:generated/${m}`, `primary signal:matchGenerated/${m}`]);
    expect(all).toEqual([`signal:matchGenerated/${m}`]);
    expect(both.rt.diagnostics.duplicates).toBe(1);
    expect(rawAlias).toEqual([`signal:matchGenerated/${m}`]);
    expect(legacy).toEqual([`match:generated/${m}`]);
  });
});
