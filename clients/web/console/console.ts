// The live console served by the gateway at /console/. It uses only the SDK, so it is also the
// SDK's living example: one client, listeners per event pattern, the admin filter, the unread
// badge (the caller's count from notification-service's REST API, kept current by the count events
// with the SDK's version rule), the connection state, and /api/stats for WebSocket health.
import {
  createRealtime,
  isValidPattern,
  trackUnreadCount,
  type ConnectionState,
  type GatewayStats,
  type RealtimeClient,
  type UnreadCount,
} from '../src/index.js';

interface Claims {
  readonly sub?: string;
  readonly groups?: string[];
  readonly startup_id?: string;
  readonly exp?: number;
}

interface Row {
  readonly event: string;
  readonly id: string;
  readonly time: string;
  readonly data: Record<string, unknown>;
}

const TOKEN_KEY = 'civstart.console.token';
const POSITION_KEY = 'civstart.console.position';
/**
 * notification-service's base URL. Empty: the page's own origin, as in Kubernetes, where the
 * ingress routes /api/notifications on the gateway's host. The local stack runs it on another
 * port and passes it in the URL fragment (`#token=…&notifications=http://localhost:8082`).
 */
const NOTIFICATIONS_KEY = 'civstart.console.notifications';

const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) {
    throw new Error(`#${id} missing from index.html`);
  }
  return el as T;
};

let client: RealtimeClient | null = null;
let unlisten: (() => void)[] = [];
let keep = 200;
let shown = 0;
const frames = new WeakMap<HTMLTableRowElement, Row>();

/**
 * A token handed over in the URL fragment (`#token=…`: never sent to a server) is moved to
 * sessionStorage, with notification-service's URL when given (`&notifications=…`).
 */
function takeTokenFromFragment(): void {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('token');
  const notifications = params.get('notifications');
  if (notifications !== null) {
    sessionStorage.setItem(NOTIFICATIONS_KEY, notifications.replace(/\/+$/, ''));
  }
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.removeItem(POSITION_KEY);
  }
  if (token || notifications !== null) {
    history.replaceState(null, '', location.pathname + location.search);
  }
}

/** The caller's unread count: notification-service `GET /api/notifications/unread-count` → `{unreadCount, version}`. */
async function fetchUnreadCount(): Promise<UnreadCount> {
  const base = sessionStorage.getItem(NOTIFICATIONS_KEY) ?? '';
  const url = `${base}/api/notifications/unread-count`;
  const r = await fetch(url, { headers: { Authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY) ?? ''}` } });
  if (!r.ok) {
    throw new Error(`GET ${url} answered ${r.status}`);
  }
  return (await r.json()) as UnreadCount;
}

function claimsOf(token: string): Claims {
  try {
    const payload = token.split('.')[1] ?? '';
    return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Claims;
  } catch {
    return {};
  }
}

function start(token: string): void {
  const claims = claimsOf(token);
  const endpoint = claims.groups?.includes('admin') ? 'admin' : 'client';
  byId('signin').hidden = true;
  byId('app').hidden = false;
  byId('who').textContent =
    `${endpoint} · ${claims.sub ?? '?'}${claims.startup_id ? ` · startup ${claims.startup_id}` : ''}`;
  for (const id of ['f-startup', 'f-signal']) {
    byId<HTMLInputElement>(id).disabled = endpoint !== 'admin';
  }

  client = createRealtime({
    endpoint,
    token: () => sessionStorage.getItem(TOKEN_KEY) ?? token,
    position: sessionStorage.getItem(POSITION_KEY),
    backoff: { baseMs: 500, capMs: 10_000 },
    onResync: ({ reason }) => {
      clearRows();
      note(`resync: ${reason}; the stream starts again from now`);
    },
    onError: (error, context) => console.warn(`[console] ${context}:`, error),
  });
  client.onStateChange(renderState);
  const badge = byId('unread-count');
  const unread = trackUnreadCount(client, {
    fetchUnreadCount,
    onError: (e) => {
      byId('unread').title = `unread notifications: ${e instanceof Error ? e.message : String(e)}`;
      byId('unread').classList.add('error');
    },
  });
  unread.onChange((c) => {
    badge.textContent = String(c.unreadCount);
    badge.dataset['version'] = String(c.version);
    byId('unread').title = `unread notifications (version ${c.version})`;
    byId('unread').classList.remove('error');
  });
  applyFilters();
  renderState(client.state);
  setInterval(() => {
    if (client) {
      renderState(client.state);
      renderClient(client);
    }
  }, 1_000);
  if (endpoint === 'admin') {
    void refreshHealth();
    setInterval(() => void refreshHealth(), 2_000);
  } else {
    byId('health').textContent = 'admins only';
  }
}

function applyFilters(): void {
  if (!client) {
    return;
  }
  const patterns = byId<HTMLInputElement>('f-events')
    .value.split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const bad = patterns.filter((p) => !isValidPattern(p));
  if (bad.length > 0) {
    note(`not an event pattern: ${bad.join(', ')} (a name, a prefix ending in *, or *)`, true);
    return;
  }
  keep = Number(byId<HTMLSelectElement>('f-keep').value);
  unlisten.forEach((off) => off());
  const rt = client;
  unlisten = (patterns.length > 0 ? patterns : ['*']).map((p) => rt.on(p as '*', (e) => addRow(e as unknown as Row)));
  if (byId<HTMLInputElement>('f-startup').disabled) {
    return;
  }
  const startup = byId<HTMLInputElement>('f-startup').value.trim();
  const signal = byId<HTMLInputElement>('f-signal').value.trim();
  rt.setFilter({ startups: startup ? [startup] : [], signals: signal ? [signal] : [] });
  trim();
}

function addRow(e: Row): void {
  const tbody = byId<HTMLTableElement>('events').tBodies[0]!;
  const tr = document.createElement('tr');
  tr.dataset['id'] = e.id;
  tr.dataset['event'] = e.event;
  tr.className = 'fresh';
  const cells = [
    new Date(e.time).toLocaleTimeString(),
    e.event,
    str(e.data['startupId']),
    str(e.data['signalId']),
    summary(e.data),
  ];
  cells.forEach((text, i) => {
    const td = document.createElement('td');
    td.textContent = text;
    if (i === 1) {
      td.className = 'ev';
    }
    td.title = text;
    tr.appendChild(td);
  });
  frames.set(tr, e);
  tbody.insertBefore(tr, tbody.firstChild);
  shown++;
  trim();
  if (client?.position) {
    sessionStorage.setItem(POSITION_KEY, client.position);
  }
}

function trim(): void {
  const tbody = byId<HTMLTableElement>('events').tBodies[0]!;
  while (tbody.rows.length > keep) {
    tbody.deleteRow(tbody.rows.length - 1);
  }
  byId('event-count').textContent = `${tbody.rows.length} shown of ${shown} received (last ${keep} kept)`;
}

function clearRows(): void {
  byId<HTMLTableElement>('events').tBodies[0]!.replaceChildren();
  trim();
}

function summary(d: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const key of ['signalIdentifier', 'title', 'name', 'startupName', 'status', 'kind', 'action']) {
    if (typeof d[key] === 'string' && d[key] !== '') {
      parts.push(d[key] as string);
    }
  }
  if (typeof d['balance'] === 'number') {
    parts.push(
      `balance ${d['balance']}${typeof d['delta'] === 'number' ? ` (${(d['delta'] as number) >= 0 ? '+' : ''}${d['delta']})` : ''}`,
    );
  }
  if (typeof d['unreadCount'] === 'number') {
    parts.push(`unread ${d['unreadCount']}`);
  }
  return parts.slice(0, 3).join(' · ');
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function renderState(state: ConnectionState): void {
  const el = byId('status');
  el.dataset['status'] = state.status;
  let text: string = state.status;
  if (state.offlineSince !== null && state.status !== 'live') {
    text = `${state.status === 'authFailed' ? 'auth failed' : 'offline'} ${Math.round((Date.now() - state.offlineSince) / 1000)} s`;
    if (state.status === 'connecting' || state.status === 'catchingUp') {
      text += ` · ${state.status === 'connecting' ? 'reconnecting' : 'catching up'}`;
    } else if (state.retryAt !== null) {
      text += ` · retry in ${Math.max(0, Math.ceil((state.retryAt - Date.now()) / 1000))} s`;
    }
  }
  el.textContent = text;
  el.title = state.error ?? '';
  if (state.status === 'authFailed') {
    note(`${state.error ?? 'token refused'}: paste a fresh token`, true);
    byId('signin').hidden = false;
  }
}

function renderClient(rt: RealtimeClient): void {
  const d = rt.diagnostics;
  const s = rt.state;
  list(byId('client'), {
    delivered: d.delivered,
    'duplicates dropped': d.duplicates,
    sockets: d.connections,
    'failed attempts': d.failedAttempts,
    resumes: d.resumes,
    resyncs: d.resyncs,
    'last close': s.lastClose ? `${s.lastClose.code} ${s.lastClose.reason}` : '–',
    position: rt.position ? `${rt.position.slice(0, 24)}…` : '–',
    listeners: rt.listenerCount,
  });
  const f = rt.serverFilter;
  byId('server-filter').textContent = f ? `gateway filter: ${JSON.stringify(f)}` : '';
}

async function refreshHealth(): Promise<void> {
  if (!client) {
    return;
  }
  try {
    const h: GatewayStats = await client.gatewayStats();
    byId('replica').textContent = `${h.replica} · up ${h.uptimeSeconds} s${h.consuming ? '' : ' · NOT consuming'}`;
    const ms = (v: number | null) => (v === null || v === undefined ? '–' : `${v.toFixed(1)} ms`);
    list(byId('health'), {
      'connections /admin': h.connections.admin,
      'connections /client': h.connections.client,
      'events in/s': h.eventsInPerSecond.toFixed(1),
      'frames out/s': h.framesOutPerSecond.toFixed(1),
      'delivery p50': ms(h.deliveryLatencyMs.p50),
      'delivery p99': ms(h.deliveryLatencyMs.p99),
      'slow-client closes': h.slowClientCloses,
      'dead-peer closes': h.deadPeerCloses,
      'Kafka lag': h.kafkaLag,
      'events in (total)': h.eventsInTotal,
      'frames out (total)': h.framesOutTotal,
    });
  } catch (e) {
    byId('replica').textContent = '';
    byId('health').textContent = `unavailable: ${e instanceof Error ? e.message : String(e)}`;
  }
}

function list(dl: HTMLElement, values: Record<string, string | number>): void {
  dl.replaceChildren(
    ...Object.entries(values).flatMap(([k, v]) => {
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = String(v);
      dd.dataset['key'] = k;
      return [dt, dd];
    }),
  );
}

function note(text: string, error = false): void {
  const el = byId('server-filter');
  el.textContent = text;
  el.classList.toggle('error', error);
}

function init(): void {
  takeTokenFromFragment();
  byId('events').addEventListener('click', (ev) => {
    const tr = (ev.target as HTMLElement).closest('tr');
    const row = tr ? frames.get(tr as HTMLTableRowElement) : undefined;
    if (tr && row) {
      document.querySelectorAll('#events tr.selected').forEach((r) => r.classList.remove('selected'));
      tr.classList.add('selected');
      byId('payload').textContent = JSON.stringify(row, null, 2);
      byId('payload').classList.remove('muted');
    }
  });
  byId('filter-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    applyFilters();
  });
  byId('clear').addEventListener('click', clearRows);
  byId('signout').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(POSITION_KEY);
    location.reload();
  });
  byId('token-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const token = byId<HTMLTextAreaElement>('token').value.trim();
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token);
      sessionStorage.setItem(
        NOTIFICATIONS_KEY,
        byId<HTMLInputElement>('notifications').value.trim().replace(/\/+$/, ''),
      );
      sessionStorage.removeItem(POSITION_KEY);
      location.reload();
    }
  });
  byId<HTMLInputElement>('notifications').value = sessionStorage.getItem(NOTIFICATIONS_KEY) ?? '';
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) {
    start(token);
  } else {
    byId('signin').hidden = false;
  }
}

init();
