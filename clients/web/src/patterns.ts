import { EVENTS, EVENT_NAMES, type EventName } from './generated/catalog.js';

/** A pattern is an event name, a prefix ending in `*` (`signal:*`), or `*` for everything. */
export function isValidPattern(pattern: string): boolean {
  return /^[a-zA-Z:]*\*?$/.test(pattern) && pattern.length > 0 && pattern.length <= 100;
}

export function matches(pattern: string, name: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

/** Every WebSocket name of the event `name` belongs to (primary first), or just `name` if the catalog does not know it. */
export function namesOf(name: string): readonly string[] {
  const info = (EVENTS as Record<string, { names: readonly EventName[] } | undefined>)[name];
  return info ? info.names : [name];
}

/** Names no event has: the gateway's own frames are never filtered, so this subscribes to nothing. */
export const NOTHING = 'system:none';

/**
 * The `events` list of the `subscribe` op for the patterns the page listens to.
 * - any `*` → `[]` (everything);
 * - no pattern → `['system:none']` (nothing but the gateway's own frames);
 * - an exact legacy alias (`match:generated`) → its primary name (`signal:matchGenerated`): the SDK
 *   hands the primary frame to the alias's listeners itself, so the gateway need not send the
 *   event twice;
 * - a prefix that covers an alias (`match:*`) is kept, and the alias's primary name is added.
 * System patterns (`system:*`) are not sent: system frames always arrive.
 */
export function subscriptionFor(patterns: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const pattern of patterns) {
    if (pattern.startsWith('system:')) {
      continue;
    }
    if (pattern === '*') {
      return [];
    }
    if (!pattern.endsWith('*')) {
      out.add(namesOf(pattern)[0]!);
      continue;
    }
    out.add(pattern);
    for (const name of EVENT_NAMES) {
      const info = EVENTS[name];
      if (info.primary !== name && matches(pattern, name)) {
        out.add(info.primary);
      }
    }
  }
  return out.size === 0 ? [NOTHING] : [...out].sort();
}
