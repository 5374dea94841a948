import type { WebSocketConstructor, WebSocketLike } from '../src/types.js';

/**
 * An in-memory stand-in for the gateway's side of a WebSocket, for unit tests of the client's
 * logic (the integration tests in it/ use a real gateway). Each `new WebSocket(...)` the client
 * makes shows up in `sockets`; the test plays the server: open, frames, close.
 */
export class FakeSocket implements WebSocketLike {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly sent: string[] = [];
  closedByClient: { code?: number; reason?: string } | null = null;

  constructor(
    readonly url: string,
    readonly protocols?: string | string[],
  ) {}

  send(data: string): void {
    if (this.readyState !== 1) {
      throw new Error('send on a socket that is not open');
    }
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closedByClient = { code, reason };
    this.readyState = 3;
  }

  // ---- the server's side

  open(): this {
    this.readyState = 1;
    this.onopen?.({});
    return this;
  }

  frame(frame: object): this {
    this.onmessage?.({ data: JSON.stringify(frame) });
    return this;
  }

  welcome(position = 'HEAD'): this {
    return this.frame({ event: 'system:welcome', position, time: 't', data: { connectionId: 'c' } });
  }

  event(event: string, id: string, position: string, data: object = {}): this {
    return this.frame({ event, id, position, time: '2026-11-25T00:00:00Z', data });
  }

  serverClose(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  /** The upgrade failed (refused, or nothing listening): a browser sees error + close 1006. */
  refuse(): void {
    this.readyState = 3;
    this.onerror?.({});
    this.onclose?.({ code: 1006, reason: '' });
  }

  ops(): Record<string, unknown>[] {
    return this.sent.map((s) => JSON.parse(s) as Record<string, unknown>);
  }

  query(name: string): string | null {
    return new URL(this.url).searchParams.get(name);
  }
}

export function fakeServer(): { WebSocket: WebSocketConstructor; sockets: FakeSocket[]; last(): FakeSocket } {
  const sockets: FakeSocket[] = [];
  class WS extends FakeSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      sockets.push(this);
    }
  }
  return {
    WebSocket: WS,
    sockets,
    last() {
      const s = sockets[sockets.length - 1];
      if (!s) {
        throw new Error('no socket was opened');
      }
      return s;
    },
  };
}

/** Lets pending promises and microtasks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await Promise.resolve();
  }
}
