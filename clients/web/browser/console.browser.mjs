// The console in a real browser: headless Chromium from Debian's package, driven by playwright-core
// (no browser download). Run by the e2e module's WebClientIT with the system's URLs in the
// environment (GATEWAY_A, SIGNAL_URL, NOTIFICATION_URL, CONTROL_URL).
//   1. open /console/ with an admin token (and notification-service's URL) in the URL fragment: live,
//      the unread badge read from notification-service (another origin: CORS)
//   2. a change over REST (signal-service) → its row appears
//   3. the gateway stops → the offline indicator
//   4. changes while it is down; it starts again → their rows arrive, each once (no gap)
//   5. a notification for admins is created, then read → the unread badge goes up by one, then down by one
//   6. a click shows the payload; a screenshot goes to docs/console.png
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function need(name) {
  const v = process.env[name];
  if (!v) {
    throw new Error(`${name} is not set: this test runs from the e2e module (WebClientIT), which starts the system`);
  }
  return v;
}

const GATEWAY = need('GATEWAY_A');
const SIGNAL = need('SIGNAL_URL');
const NOTIFICATION = need('NOTIFICATION_URL');
const CONTROL = need('CONTROL_URL');

async function json(method, url, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const r = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  if (r.status >= 300) throw new Error(`${method} ${url} answered ${r.status}: ${text}`);
  return text ? JSON.parse(text) : {};
}

const step = (text) => console.log(`  ✓ ${text}`);
let passed = 0;

async function main() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium; .ci/run does it) or set CHROMIUM`,
    );
  }
  const admin = (await json('GET', `${CONTROL}/token?role=admin&sub=console-admin`)).token;
  const userDataDir = mkdtempSync(join(tmpdir(), 'civstart-console-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1400, height: 860 },
  });
  const consoleErrors = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.setDefaultTimeout(30_000);

    // 1. the ready-made URL the local stack prints (via /console, which redirects to /console/)
    await page.goto(`${GATEWAY}/console#token=${admin}&notifications=${NOTIFICATION}`);
    if (!page.url().split('#')[0].endsWith('/console/'))
      throw new Error(`/console did not lead to /console/: ${page.url()}`);
    await page.waitForSelector('#status[data-status="live"]');
    if ((await page.evaluate(() => location.hash)) !== '') throw new Error('the token stayed in the address bar');
    // the badge: this admin's own count from notification-service's REST API (the first call makes the admin known)
    await page.waitForFunction(() => /^\d+$/.test(document.querySelector('#unread-count').textContent.trim()));
    let rest;
    for (let tries = 0; ; tries++) {
      // equal once notification-service has processed what earlier tests published
      rest = await json('GET', `${NOTIFICATION}/api/notifications/unread-count`, undefined, admin);
      if ((await page.textContent('#unread-count')).trim() === String(rest.unreadCount)) break;
      if (tries === 60)
        throw new Error(
          `badge ${await page.textContent('#unread-count')} but notification-service says ${JSON.stringify(rest)}`,
        );
      await page.waitForTimeout(500);
    }
    step(
      `console live with the admin token from the URL fragment (fragment removed from the address bar), badge ${rest.unreadCount} from REST`,
    );
    passed++;

    // 2. a change over REST
    const title = `Navy seeks drone inspection ${Date.now()}`;
    const created = await json(
      'POST',
      `${SIGNAL}/api/signals`,
      { title, sectors: ['drones'], poolCost: 20, status: 'pending_review' },
      admin,
    );
    await page.waitForSelector(`#events tr[data-event="signal:created"]:has-text("${title}")`);
    step(`REST POST /api/signals → row signal:created "${title}"`);
    passed++;

    // 3. the gateway goes away
    await json('POST', `${CONTROL}/gateway/a/stop`);
    await page.waitForSelector('#status[data-status="offline"], #status[data-status="connecting"]');
    await page.waitForFunction(() => /offline/.test(document.querySelector('#status').textContent));
    step(`gateway stopped → offline indicator: "${await page.textContent('#status')}"`);
    passed++;

    // 4. changes while it is down arrive after it is back, each once
    const missed = [];
    for (let i = 1; i <= 3; i++) {
      const t = `Made while the gateway was down #${i} ${Date.now()}`;
      missed.push(t);
      await json(
        'POST',
        `${SIGNAL}/api/signals`,
        { title: t, sectors: ['ai'], poolCost: 10, status: 'pending_review' },
        admin,
      );
    }
    await json('POST', `${SIGNAL}/api/signals/${created.id}/transitions`, { status: 'approved' }, admin);
    await json('POST', `${CONTROL}/gateway/a/start`);
    await page.waitForSelector('#status[data-status="live"]', { timeout: 60_000 });
    for (const t of missed) {
      await page.waitForSelector(`#events tr[data-event="signal:created"]:has-text("${t}")`);
    }
    const ids = await page.$$eval('#events tr', (rows) => rows.map((r) => r.dataset.id + '/' + r.dataset.event));
    if (new Set(ids).size !== ids.length) throw new Error(`a row appeared twice: ${ids}`);
    step(`gateway started → the ${missed.length} signals created meanwhile (and the transition) arrived, no row twice`);
    passed++;

    // 5. the unread badge: a notification for admins is created (from a pool request event), then read
    const badge = async () => (await page.textContent('#unread-count')).trim();
    const before = Number(await badge());
    const startupId = crypto.randomUUID();
    await json('POST', `${CONTROL}/publish`, {
      events: [
        {
          type: 'pool-request.created',
          subject: crypto.randomUUID(),
          startupId,
          data: {
            poolRequestId: crypto.randomUUID(),
            signalId: created.id,
            signalIdentifier: 'SIG-CONSOLE',
            signalTitle: title,
            startupId,
            startupName: 'Console Test Co',
            status: 'pending',
            creditCost: 20,
          },
        },
      ],
    });
    await page.waitForFunction(
      (b) => document.querySelector('#unread-count').textContent.trim() === String(b + 1),
      before,
    );
    const raised = Number(await badge());
    step(`a new admin notification → unread badge ${before} → ${raised}`);
    passed++;
    const unread = await json('GET', `${NOTIFICATION}/api/notifications?unread=true&size=1`, undefined, admin);
    if (!unread.items?.length) throw new Error(`no unread notification over REST: ${JSON.stringify(unread)}`);
    await json('POST', `${NOTIFICATION}/api/notifications/${unread.items[0].id}/read`, undefined, admin);
    await page.waitForFunction(
      (r) => document.querySelector('#unread-count').textContent.trim() === String(r - 1),
      raised,
    );
    step(`read over REST → unread badge ${raised} → ${await badge()}`);
    passed++;

    // 6. payload on click; health panel; screenshot
    await page.click(`#events tr[data-event="signal:created"]:has-text("${title}")`);
    await page.waitForFunction((id) => document.querySelector('#payload').textContent.includes(id), created.id);
    step('a click shows the payload');
    passed++;
    await page.waitForTimeout(2_500); // one refresh of the health panel
    await page.screenshot({ path: 'docs/console.png' });
    step('screenshot saved to clients/web/docs/console.png');
    if (consoleErrors.length > 0) throw new Error(`errors in the page: ${consoleErrors.join('; ')}`);
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

try {
  await main();
  console.log(`${passed} passed, 0 failed`);
} catch (e) {
  console.error(`  ✗ ${e instanceof Error ? e.stack : e}`);
  console.log(`${passed} passed, 1 failed`);
  process.exit(1);
}
