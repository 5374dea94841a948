// @vitest-environment jsdom
import { act, createElement, useState, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createRealtime, type RealtimeClient, type UnreadCount } from '../src/index.js';
import {
  RealtimeProvider,
  useConnectionState,
  useMetrics,
  useNotifications,
  useRealtimeEvent,
  useSignalUpdates,
} from '../src/react/index.js';
import { fakeServer, flush, type FakeSocket } from './fake-socket.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let server: ReturnType<typeof fakeServer>;
let client: RealtimeClient;
let root: Root;
let container: HTMLElement;

beforeEach(() => {
  server = fakeServer();
  client = createRealtime({
    url: 'http://gw.test',
    endpoint: 'admin',
    token: () => 'tok',
    WebSocket: server.WebSocket,
    environment: null,
    autoConnect: false,
  });
  container = document.createElement('div');
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  client.dispose();
});

function render(node: ReactNode): void {
  act(() => root.render(createElement(RealtimeProvider, { client }, node)));
}

async function live(position = 'P0'): Promise<FakeSocket> {
  await act(flush);
  const s = server.last();
  act(() => {
    s.open().welcome(position);
  });
  return s;
}

function text(): string {
  return container.textContent ?? '';
}

describe('RealtimeProvider and hooks', () => {
  it('connects on mount and shows the connection state', async () => {
    function Status(): ReactNode {
      return useConnectionState().status;
    }
    render(createElement(Status));
    expect(text()).toBe('connecting');
    const s = await live();
    expect(text()).toBe('live');
    act(() => s.serverClose(1006));
    expect(text()).toBe('offline');
  });

  it('does not connect while not enabled (user signed out), and closes when it turns false', async () => {
    let signIn!: (v: boolean) => void;
    function App(): ReactNode {
      const [signedIn, setSignedIn] = useState(false);
      signIn = setSignedIn;
      return createElement(RealtimeProvider, { client, enabled: signedIn });
    }
    act(() => root.render(createElement(App)));
    await act(flush);
    expect(server.sockets).toHaveLength(0);
    act(() => signIn(true));
    await act(flush);
    expect(server.sockets).toHaveLength(1);
    act(() => signIn(false));
    expect(client.state.status).toBe('idle');
  });

  it('useRealtimeEvent calls the latest handler and sends the page subscription', async () => {
    const seen: string[] = [];
    function Feed({ tag }: { tag: string }): ReactNode {
      useRealtimeEvent('credits:updated', (e) => seen.push(`${tag}:${e.data.balance}`));
      return null;
    }
    render(createElement(Feed, { tag: 'a' }));
    const s = await live();
    expect(s.ops()).toEqual([{ op: 'subscribe', events: ['credits:updated'], startups: [], signals: [] }]);
    act(() => s.event('credits:updated', 'e1', 'P1', { balance: 5 }));
    render(createElement(Feed, { tag: 'b' }));
    act(() => s.event('credits:updated', 'e2', 'P2', { balance: 7 }));
    expect(seen).toEqual(['a:5', 'b:7']);
    expect(client.listenerCount).toBe(1);
  });

  it('leaks no listener over 1,000 mount/unmount cycles', async () => {
    function Widgets(): ReactNode {
      useSignalUpdates();
      useNotifications();
      useMetrics();
      useConnectionState();
      return null;
    }
    function Toggle({ on }: { on: boolean }): ReactNode {
      return on ? createElement(Widgets) : null;
    }
    render(createElement(Toggle, { on: false }));
    const s = await live();
    const before = client.listenerCount;
    let mounted = 0;
    for (let i = 0; i < 1_000; i++) {
      render(createElement(Toggle, { on: true }));
      mounted = Math.max(mounted, client.listenerCount);
      render(createElement(Toggle, { on: false }));
    }
    await act(flush);
    expect(mounted).toBeGreaterThan(before);
    expect(client.listenerCount).toBe(before);
    // and the gateway was told the page listens to nothing again
    expect(s.ops().at(-1)).toEqual({ op: 'subscribe', events: ['system:none'], startups: [], signals: [] });
  });

  it('useSignalUpdates returns the last event of the signal asked for', async () => {
    function Signal(): ReactNode {
      const last = useSignalUpdates({ signalId: 'sig-1' });
      return last && 'title' in last.data ? `${last.event} ${String(last.data.title)}` : 'none';
    }
    render(createElement(Signal));
    const s = await live();
    act(() => {
      s.event('signal:updated', 'e1', 'P1', { signalId: 'sig-1', title: 'one' });
      s.event('signal:updated', 'e2', 'P2', { signalId: 'sig-2', title: 'two' });
    });
    expect(text()).toBe('signal:updated one');
  });
});

describe('useNotifications', () => {
  function Badge({ fetchUnreadCount }: { fetchUnreadCount: () => Promise<UnreadCount> }): ReactNode {
    const { unreadCount, recent } = useNotifications({ fetchUnreadCount });
    return `${unreadCount ?? '?'}|${recent.map((n) => `${n.title}${n.read ? '(read)' : ''}`).join(',')}`;
  }

  it('starts from REST, follows the count events by version, and never counts notification:new', async () => {
    const answers: ((c: UnreadCount) => void)[] = [];
    render(createElement(Badge, { fetchUnreadCount: () => new Promise<UnreadCount>((r) => answers.push(r)) }));
    const s = await live();
    expect(text()).toBe('?|');
    await act(async () => {
      answers[0]!({ unreadCount: 2, version: 5 });
      await flush();
    });
    expect(text()).toBe('2|');
    act(() => s.event('notification:new', 'n1', 'P1', { notificationId: 'n1', title: 'hello', version: 1 }));
    expect(text()).toBe('2|hello'); // the count comes with countChanged, not from counting
    act(() => s.event('notification:countChanged', 'c1', 'P2', { userId: 'u', unreadCount: 3, version: 6 }));
    expect(text()).toBe('3|hello');
    await act(async () => {
      answers[1]!({ unreadCount: 2, version: 5 }); // the fetch made when the socket went live, overtaken
      await flush();
    });
    expect(text()).toBe('3|hello');
    act(() =>
      s.event('notification:read', 'r1', 'P3', {
        notificationId: 'n1',
        userId: 'u',
        read: true,
        deleted: false,
        unreadCount: 2,
        version: 7,
      }),
    );
    expect(text()).toBe('2|hello(read)');
  });

  it('is right after a reconnect (the resume replays missed count events, a refetch confirms) and after a resync', async () => {
    let rest: UnreadCount = { unreadCount: 3, version: 3 };
    render(createElement(Badge, { fetchUnreadCount: async () => rest }));
    let s = await live('P0');
    await act(flush);
    expect(text()).toBe('3|');
    act(() => s.serverClose(4008));
    await act(flush);
    s = server.last();
    expect(s.query('position')).toBe('P0');
    rest = { unreadCount: 4, version: 4 };
    await act(async () => {
      s.open().welcome('P0');
      s.event('notification:countChanged', 'c1', 'P1', { unreadCount: 4, version: 4 });
      s.frame({ event: 'system:resumed', position: 'P1', time: 't', data: {} });
      await flush();
    });
    expect(text()).toBe('4|');
    rest = { unreadCount: 9, version: 12 };
    act(() => s.serverClose(4008));
    await act(flush);
    s = server.last();
    await act(async () => {
      s.open().welcome('P1');
      s.frame({ event: 'system:resyncRequired', position: 'P50', time: 't', data: { reason: 'retention' } });
      await flush();
    });
    expect(text()).toBe('9|');
  });
});
