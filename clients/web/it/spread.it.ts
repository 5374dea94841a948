// Measured, not asserted: how 5,000 clients whose replica dies come back. They reconnect to the
// other replica after the SDK's full-jitter backoff, so the reconnects spread over the backoff
// window instead of arriving in one burst. Printed as histograms, written to target/.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_BACKOFF } from '../src/index.js';
import { gateway, GATEWAY_A, GATEWAY_B, token, uuid } from './harness.js';

const CLIENTS = Number(process.env['SPREAD_CLIENTS'] ?? 5_000);
const PROCESSES = 4;

interface Result {
  plannedMs: number | null;
  closedAt: number | null;
  attemptAt: number | null;
  liveAt: number | null;
  code: number | null;
}

const workers: ChildProcess[] = [];
const WORKER = 'target/spread-worker.mjs';

beforeAll(async () => {
  await build({
    entryPoints: ['it/spread-worker.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: WORKER,
    external: ['ws'],
    logLevel: 'warning',
  });
});

function ask<T>(w: ChildProcess, msg: object, key: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: Record<string, unknown>) => {
      if (key in m) {
        w.off('message', onMessage);
        resolve(m[key] as T);
      }
    };
    w.on('message', onMessage);
    w.once('exit', (code) => reject(new Error(`spread worker exited (${code})`)));
    w.send(msg);
  });
}

function histogram(title: string, values: number[], bucketMs: number): string {
  const max = Math.max(...values);
  const buckets = new Array<number>(Math.floor(max / bucketMs) + 1).fill(0);
  values.forEach((v) => buckets[Math.floor(v / bucketMs)]!++);
  const peak = Math.max(...buckets);
  const lines = buckets.map(
    (n, i) =>
      `  ${String(i * bucketMs).padStart(6)}–${String((i + 1) * bucketMs).padEnd(6)} ms ${String(n).padStart(5)} ${'#'.repeat(Math.round((n / peak) * 50))}`,
  );
  return `${title}\n${lines.join('\n')}`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summarize(name: string, results: Result[]): Record<string, unknown> {
  const planned = results.map((r) => r.plannedMs!).sort((a, b) => a - b);
  const attempts = results.map((r) => r.attemptAt! - r.closedAt!).sort((a, b) => a - b);
  const lives = results.map((r) => r.liveAt! - r.closedAt!).sort((a, b) => a - b);
  const codes: Record<string, number> = {};
  results.forEach((r) => (codes[String(r.code)] = (codes[String(r.code)] ?? 0) + 1));
  const first = Math.min(...results.map((r) => r.attemptAt!));
  const perWindow = new Map<number, number>();
  results.forEach((r) =>
    perWindow.set(
      Math.floor((r.attemptAt! - first) / 100),
      (perWindow.get(Math.floor((r.attemptAt! - first) / 100)) ?? 0) + 1,
    ),
  );
  const summary = {
    scenario: name,
    clients: results.length,
    closeCodes: codes,
    plannedWaitMs: {
      p50: percentile(planned, 50),
      p90: percentile(planned, 90),
      p99: percentile(planned, 99),
      max: planned.at(-1),
    },
    reconnectAttemptMs: {
      p50: percentile(attempts, 50),
      p90: percentile(attempts, 90),
      p99: percentile(attempts, 99),
      max: attempts.at(-1),
    },
    liveAgainMs: {
      p50: percentile(lives, 50),
      p90: percentile(lives, 90),
      p99: percentile(lives, 99),
      max: lives.at(-1),
    },
    mostAttemptsIn100ms: Math.max(...perWindow.values()),
    attemptsPer100msIfAllAtOnce: results.length,
  };
  console.log(`\n=== ${name}: ${results.length} clients ===`);
  console.log(JSON.stringify(summary));
  console.log(histogram('the wait each client chose (backoff with full jitter), ms:', planned, 25));
  console.log(
    histogram(
      'first reconnect attempt, ms after the client saw its socket close (includes event-loop delay of 4 busy Node processes on 2 cores):',
      attempts,
      250,
    ),
  );
  console.log(histogram('live again (resumed on the other replica), ms after the close:', lives, 1000));
  return summary;
}

afterAll(async () => {
  for (const w of workers) {
    w.send({ cmd: 'exit' });
  }
  await Promise.all([gateway('a', 'start'), gateway('b', 'start')]);
});

describe('backoff spread (measured)', () => {
  it(`${CLIENTS} clients whose replica dies reconnect spread over the backoff window`, async () => {
    const tokens = await Promise.all(Array.from({ length: 50 }, () => token({ role: 'startup', startupId: uuid() })));
    for (let i = 0; i < PROCESSES; i++) {
      workers.push(fork(WORKER, [], { stdio: 'inherit' }));
    }
    const per = Math.ceil(CLIENTS / PROCESSES);
    const ready = await Promise.all(
      workers.map((w) =>
        ask<number>(w, { cmd: 'connect', count: per, urls: [GATEWAY_A, GATEWAY_B], tokens, batch: 100 }, 'ready'),
      ),
    );
    expect(ready.reduce((a, b) => a + b, 0)).toBe(per * PROCESSES);

    const collect = async (): Promise<Result[]> => {
      const deadline = Date.now() + 90_000;
      return (await Promise.all(workers.map((w) => ask<Result[]>(w, { cmd: 'collect', deadline }, 'results')))).flat();
    };

    // 1. replica a crashes (kill -9): every client sees 1006 and backs off with full jitter
    await Promise.all(workers.map((w) => ask(w, { cmd: 'arm' }, 'armed')));
    await gateway('a', 'kill');
    const killed = await collect();
    expect(killed.filter((r) => r.liveAt === null)).toEqual([]);
    const crash = summarize(`replica killed (kill -9), backoff base ${DEFAULT_BACKOFF.baseMs} ms`, killed);

    // 2. replica b stops gracefully (SIGTERM: it closes its sockets): clients come back at once, spread over goingAwaySpreadMs
    await gateway('a', 'start');
    await Promise.all(workers.map((w) => ask(w, { cmd: 'arm' }, 'armed')));
    await gateway('b', 'stop');
    const stopped = await collect();
    expect(stopped.filter((r) => r.liveAt === null)).toEqual([]);
    const graceful = summarize('replica stopped gracefully (SIGTERM), goingAwaySpreadMs 1,000', stopped);

    mkdirSync('target', { recursive: true });
    writeFileSync('target/spread.json', JSON.stringify({ crash, graceful }, null, 2));
  });
});
