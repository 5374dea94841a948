package org.civstart.gateway.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.civstart.gateway.feed.GatewayEvent;

/**
 * What a connection asked for with {@code subscribe}, or what an admin saved as preferences:
 * event-name patterns ({@code signal:*}, {@code credits:updated}, {@code *}) and, for admins,
 * startup and signal ids. An empty list does not restrict that dimension.
 */
public record Filter(List<String> events, Set<String> startups, Set<String> signals) {

    public static final Filter ALL = new Filter(List.of(), Set.of(), Set.of());
    /** Filters in use, one instance per content (most connections of a page ask for the same). */
    private static final Map<Filter, Filter> CANONICAL = new ConcurrentHashMap<>();
    /** Distinct filters shared at most; beyond, a filter is its own instance (no growth from odd clients). */
    private static final int MAX_CANONICAL = 4096;

    /**
     * The filter with this content, shared: connections with equal filters hold one instance, so
     * routing decides once per event for all of them (and they keep no copy of their own).
     */
    public static Filter of(List<String> events, Set<String> startups, Set<String> signals) {
        Filter f = new Filter(List.copyOf(events), Set.copyOf(startups), Set.copyOf(signals));
        if (f.acceptsAll()) {
            return ALL;
        }
        Filter shared = CANONICAL.get(f);
        if (shared != null) {
            return shared;
        }
        if (CANONICAL.size() >= MAX_CANONICAL) {
            return f;
        }
        Filter raced = CANONICAL.putIfAbsent(f, f);
        return raced == null ? f : raced;
    }

    /** Whether this filter restricts nothing (the common case: checked first). */
    public boolean acceptsAll() {
        return events.isEmpty() && startups.isEmpty() && signals.isEmpty();
    }

    /**
     * Whether the event passes. Startups and signals narrow what happens to startups and signals; an
     * event addressed to one user ({@code ce_userid}: their notification read marks and unread count)
     * is that user's own, carries no startup, and is narrowed by the event patterns only — an admin
     * who follows two startups still sees their own badge change.
     */
    public boolean accepts(String eventName, GatewayEvent e) {
        if (e.userId() == null && !passesStartupsAndSignals(e)) {
            return false;
        }
        if (events.isEmpty()) {
            return true;
        }
        for (String pattern : events) {
            if (matches(pattern, eventName)) {
                return true;
            }
        }
        return false;
    }

    private boolean passesStartupsAndSignals(GatewayEvent e) {
        if (!startups.isEmpty() && (e.startupId() == null || !startups.contains(e.startupId()))) {
            return false;
        }
        return signals.isEmpty() || (e.signalId() != null && signals.contains(e.signalId()));
    }

    static boolean matches(String pattern, String name) {
        if (pattern.endsWith("*")) {
            return name.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(name);
    }

    /**
     * The filter that accepts exactly what both accept, or null when no event can pass both (two
     * restrictions of one dimension that do not overlap).
     */
    public static Filter intersect(Filter a, Filter b) {
        List<String> events = intersectPatterns(a.events, b.events);
        Set<String> startups = intersectIds(a.startups, b.startups);
        Set<String> signals = intersectIds(a.signals, b.signals);
        return events == null || startups == null || signals == null ? null : new Filter(events, startups, signals);
    }

    private static List<String> intersectPatterns(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() ? b : a;
        }
        List<String> out = new ArrayList<>();
        for (String x : a) {
            for (String y : b) {
                String meet = meet(x, y);
                if (meet != null && !out.contains(meet)) {
                    out.add(meet);
                }
            }
        }
        return out.isEmpty() ? null : List.copyOf(out);
    }

    /** The names both patterns match, as one pattern, or null. */
    static String meet(String x, String y) {
        boolean px = x.endsWith("*");
        boolean py = y.endsWith("*");
        String bx = px ? x.substring(0, x.length() - 1) : x;
        String by = py ? y.substring(0, y.length() - 1) : y;
        if (!px && !py) {
            return x.equals(y) ? x : null;
        }
        if (px && !py) {
            return y.startsWith(bx) ? y : null;
        }
        if (!px) {
            return x.startsWith(by) ? x : null;
        }
        return by.startsWith(bx) ? y : bx.startsWith(by) ? x : null;
    }

    private static Set<String> intersectIds(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() ? b : a;
        }
        Set<String> out = new HashSet<>(a);
        out.retainAll(b);
        return out.isEmpty() ? null : Set.copyOf(out);
    }
}
