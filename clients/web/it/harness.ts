// Helpers of the integration tests: the URLs WebClientIT passes, its control server (tokens, Kafka
// events, replica stop/kill/start), SDK clients over real sockets (the ws package), and waiting.
import WebSocket from 'ws';

import { createRealtime, type RealtimeClient } from '../src/index.js';
import type { RealtimeOptions, WebSocketConstructor } from '../src/types.js';

function need(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: these tests run from the e2e module (WebClientIT), which starts the system`);
  }
  return value;
}

export const GATEWAY_A = need('GATEWAY_A');
export const GATEWAY_B = need('GATEWAY_B');
export const CONTROL = need('CONTROL_URL');
export const SIGNAL = need('SIGNAL_URL');
export const NOTIFICATION = need('NOTIFICATION_URL');

async function call<T>(
  method: string,
  url: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) {
    headers['Authorization'] = `Bearer ${token}`;
  }
  const r = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, body: (text ? JSON.parse(text) : {}) as T };
}

async function ok<T>(method: string, url: string, body?: unknown, token?: string): Promise<T> {
  const r = await call<T>(method, url, body, token);
  if (r.status >= 300) {
    throw new Error(`${method} ${url} answered ${r.status}: ${JSON.stringify(r.body)}`);
  }
  return r.body;
}

export interface TokenRequest {
  role?: 'admin' | 'startup';
  sub?: string;
  startupId?: string;
  ttlSeconds?: number;
  kind?: 'valid' | 'expired' | 'forged' | 'no-startup';
}

export async function token(request: TokenRequest = {}): Promise<string> {
  const q = new URLSearchParams(Object.entries(request).map(([k, v]) => [k, String(v)]));
  return (await ok<{ token: string }>('GET', `${CONTROL}/token?${q}`)).token;
}

export interface PublishedEvent {
  type: string;
  subject?: string;
  startupId?: string;
  audience?: string;
  userId?: string;
  actor?: string;
  correlationId?: string;
  data: Record<string, unknown>;
}

/** Publishes CloudEvents to Kafka (acknowledged when this returns); returns their ids. */
export async function publish(...events: PublishedEvent[]): Promise<string[]> {
  return (await ok<{ ids: string[] }>('POST', `${CONTROL}/publish`, { events })).ids;
}

export async function gateway(
  name: 'a' | 'b',
  action: 'stop' | 'kill' | 'start',
): Promise<{ at: number; tookMs: number }> {
  return ok('POST', `${CONTROL}/gateway/${name}/${action}`);
}

export async function truncate(topic: string): Promise<void> {
  await ok('POST', `${CONTROL}/truncate?topic=${encodeURIComponent(topic)}`);
}

export const rest = { call, ok };

/** Whether the gateway implements an addition of CONTRACT-gateway-protocol.md (built in parallel). */
export async function gatewayHas(feature: 'token-check' | 'stats', base = GATEWAY_A): Promise<boolean> {
  const path = feature === 'token-check' ? '/api/token-check?endpoint=admin' : '/api/stats';
  const r = await fetch(base + path, { headers: { Authorization: `Bearer ${await token()}` } });
  return r.status !== 404;
}

/** A `ws` WebSocket that remembers every instance, so a test can cut a client's network (terminate). */
export class Sockets {
  readonly all: WebSocket[] = [];
  readonly WebSocket: WebSocketConstructor;

  constructor(onCreate?: (socket: WebSocket) => void) {
    const all = this.all;
    class Tracked extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        all.push(this);
        onCreate?.(this);
      }
    }
    this.WebSocket = Tracked as unknown as WebSocketConstructor;
  }

  /** The socket in use: the last one created. */
  get current(): WebSocket {
    const s = this.all[this.all.length - 1];
    if (!s) {
      throw new Error('no socket yet');
    }
    return s;
  }

  /** Client-side network loss: the TCP connection is destroyed, no closing handshake. */
  cut(): void {
    this.current.terminate();
  }
}

export interface TestClient {
  readonly rt: RealtimeClient;
  readonly sockets: Sockets;
  readonly errors: unknown[];
}

export function client(
  options: Partial<RealtimeOptions> & Pick<RealtimeOptions, 'endpoint' | 'token'>,
  onSocket?: (s: WebSocket) => void,
): TestClient {
  const sockets = new Sockets(onSocket);
  const errors: unknown[] = [];
  const rt = createRealtime({
    url: GATEWAY_A,
    WebSocket: sockets.WebSocket,
    environment: null,
    onError: (e) => errors.push(e),
    ...options,
  });
  return { rt, sockets, errors };
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await sleep(20);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function live(rt: RealtimeClient, what = 'the client to be live', timeoutMs = 20_000): Promise<void> {
  await waitFor(
    () => rt.state.status === 'live',
    `${what} (state ${rt.state.status}: ${rt.state.error ?? ''})`,
    timeoutMs,
  );
}

export function uuid(): string {
  return crypto.randomUUID();
}

/** Events of one key with a sequence number, to check per-key order. */
export function creditsEvents(startupId: string, from: number, count: number, key = startupId): PublishedEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    type: 'credits.updated',
    subject: key,
    startupId,
    data: { startupId, balance: from + i, delta: 1, entryType: 'test', reason: `seq ${from + i}` },
  }));
}
