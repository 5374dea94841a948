// The unread badge against the real notification-service and gateway: each user's own count, from
// REST (GET /api/notifications/unread-count) and the count events sent to that user alone, kept by
// version; exact after a network cut.
import { afterEach, describe, expect, it } from 'vitest';

import { trackUnreadCount, type UnreadCount, type UnreadCountTracker } from '../src/index.js';
import { client, live, NOTIFICATION, publish, rest, token, uuid, waitFor, type TestClient } from './harness.js';

const opened: TestClient[] = [];
const trackers: UnreadCountTracker[] = [];

afterEach(() => {
  trackers.splice(0).forEach((t) => t.stop());
  opened.splice(0).forEach((c) => c.rt.dispose());
});

interface Admin {
  readonly token: string;
  readonly c: TestClient;
  readonly unread: UnreadCountTracker;
  readonly errors: unknown[];
  rest(): Promise<UnreadCount>;
}

async function admin(name: string): Promise<Admin> {
  const t = await token({ role: 'admin', sub: `${name}-${uuid()}` });
  const c = client({ endpoint: 'admin', token: () => t, backoff: { baseMs: 200 } });
  opened.push(c);
  const errors: unknown[] = [];
  const count = () => rest.ok<UnreadCount>('GET', `${NOTIFICATION}/api/notifications/unread-count`, undefined, t);
  const unread = trackUnreadCount(c.rt, { fetchUnreadCount: count, onError: (e) => errors.push(e) });
  trackers.push(unread);
  return { token: t, c, unread, errors, rest: count };
}

/** A pool request from a startup: notification-service makes one notification in the admins' inbox. */
async function poolRequest(): Promise<void> {
  const startupId = uuid();
  await publish({
    type: 'pool-request.created',
    subject: uuid(),
    startupId,
    data: {
      poolRequestId: uuid(),
      signalId: uuid(),
      signalIdentifier: 'SIG-BADGE1',
      signalTitle: 'Badge test',
      startupId,
      startupName: 'Badge Test Co',
      status: 'pending',
      creditCost: 10,
    },
  });
}

async function readOne(a: Admin): Promise<void> {
  const page = await rest.ok<{ items: { id: string }[] }>(
    'GET',
    `${NOTIFICATION}/api/notifications?unread=true&size=1`,
    undefined,
    a.token,
  );
  expect(page.items).toHaveLength(1);
  await rest.ok('POST', `${NOTIFICATION}/api/notifications/${page.items[0]!.id}/read`, undefined, a.token);
}

const count = (a: Admin) => a.unread.value?.unreadCount;

describe('unread count', () => {
  it('is each admin’s own: a new admin notification raises both badges, one admin’s read lowers only theirs', async () => {
    const one = await admin('badge-one');
    const two = await admin('badge-two');
    await live(one.c.rt);
    await live(two.c.rt);
    await waitFor(() => one.unread.value !== null && two.unread.value !== null, 'both counts from REST');
    const start1 = count(one)!;
    const start2 = count(two)!;

    for (let i = 0; i < 3; i++) {
      await poolRequest();
    }
    await waitFor(() => count(one) === start1 + 3 && count(two) === start2 + 3, 'both badges +3', 30_000);

    await readOne(one);
    await waitFor(() => count(one) === start1 + 2, 'the reader’s badge −1', 30_000);
    expect(count(two)).toBe(start2 + 3);
    expect(await two.rest()).toEqual(two.unread.value);
    expect(await one.rest()).toEqual(one.unread.value);
    expect(one.errors).toEqual([]);
    expect(two.errors).toEqual([]);
  });

  it('is right after a network cut: the changes made while offline arrive (resume), and match REST', async () => {
    const a = await admin('badge-cut');
    await live(a.c.rt);
    await waitFor(() => a.unread.value !== null, 'the count from REST');
    const start = count(a)!;
    a.c.rt.close(); // offline: nothing reaches it
    await poolRequest();
    await poolRequest();
    a.c.rt.connect();
    await live(a.c.rt);
    await waitFor(() => count(a) === start + 2, 'the badge +2 after reconnecting', 30_000);
    await readOne(a);
    await waitFor(() => count(a) === start + 1, 'the badge −1', 30_000);
    expect(await a.rest()).toEqual(a.unread.value);
  });
});
