// One of the processes holding the clients of the backoff-spread measurement (a process may open
// at most 20,000 files here, and one Node process should not hold 5,000 busy sockets alone).
// Driven by it/spread.it.ts over IPC (which bundles this file with esbuild before forking it).
import WebSocket from 'ws';

import { createRealtime, type RealtimeClient } from '../src/index.js';
import type { WebSocketConstructor } from '../src/types.js';

interface Tracked {
  armed: boolean;
  target: number;
  plannedMs: number | null;
  closedAt: number | null;
  attemptAt: number | null;
  liveAt: number | null;
  closeCode: number | null;
  rt: RealtimeClient;
}

type Message = any;

const clients: Tracked[] = [];
const send = (m: object) => process.send!(m);

process.on('message', async (msg: Message) => {
  if (msg.cmd === 'connect') {
    const { count, urls, tokens, batch } = msg as { count: number; urls: string[]; tokens: string[]; batch: number };
    for (let i = 0; i < count; i++) {
      const c = {
        armed: false,
        target: 0,
        plannedMs: null,
        closedAt: null,
        attemptAt: null,
        liveAt: null,
        closeCode: null,
      } as unknown as Tracked;
      c.rt = createRealtime({
        url: () => urls[c.target]!,
        endpoint: 'client',
        token: () => tokens[i % tokens.length]!,
        WebSocket: WebSocket as unknown as WebSocketConstructor,
        environment: null,
        onError: () => {},
      });
      c.rt.onStateChange((s) => {
        if (!c.armed) {
          return; // connecting for the first time: retries stay on replica a
        }
        const now = Date.now();
        if (s.status === 'offline' && c.closedAt === null && s.lastClose) {
          // the replica went away: the next connections go to the other one
          c.closedAt = now;
          c.closeCode = s.lastClose.code;
          // the wait the SDK chose (backoff with full jitter, or the going-away spread)
          c.plannedMs = s.retryAt === null ? 0 : s.retryAt - now;
          c.target = 1 - c.target;
        } else if (s.status === 'connecting' && c.closedAt !== null && c.attemptAt === null) {
          c.attemptAt = now;
        } else if (s.status === 'live' && c.closedAt !== null && c.liveAt === null) {
          c.liveAt = now;
        }
      });
      clients.push(c);
      if (i % batch === batch - 1) {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const wait = (): void => {
      if (clients.every((c) => c.rt.state.status === 'live')) {
        send({ ready: clients.length });
      } else {
        setTimeout(wait, 50);
      }
    };
    wait();
  } else if (msg.cmd === 'arm') {
    for (const c of clients) {
      c.closedAt = c.attemptAt = c.liveAt = c.closeCode = c.plannedMs = null;
      c.armed = true;
    }
    send({ armed: true });
  } else if (msg.cmd === 'collect') {
    const wait = (): void => {
      const done = clients.every((c) => c.liveAt !== null);
      if (done || Date.now() > msg.deadline) {
        send({
          results: clients.map((c) => ({
            plannedMs: c.plannedMs,
            closedAt: c.closedAt,
            attemptAt: c.attemptAt,
            liveAt: c.liveAt,
            code: c.closeCode,
          })),
        });
      } else {
        setTimeout(wait, 100);
      }
    };
    wait();
  } else if (msg.cmd === 'exit') {
    clients.forEach((c) => c.rt.dispose());
    setTimeout(() => process.exit(0), 100);
  }
});
