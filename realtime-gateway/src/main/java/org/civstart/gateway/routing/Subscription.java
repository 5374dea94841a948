package org.civstart.gateway.routing;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.civstart.events.payload.AdminPreferencesData;
import org.civstart.gateway.feed.GatewayEvent;
import org.civstart.gateway.session.Session;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What routing knows of one connection: its {@link Session}, what it wants (its own filter and, for
 * an admin, the preferences the admin saved) and where it is in the stream.
 *
 * <p>States: {@code HELD} (just connected, waiting briefly for a resume), {@code CATCHING_UP}
 * (a replay sends what it missed, from memory or Kafka), {@code LIVE} (the feed delivers each event
 * as it is consumed; its position is the feed's), {@code CLOSED}.
 */
public final class Subscription {

    public enum State {
        HELD,
        CATCHING_UP,
        LIVE,
        CLOSED
    }

    private static final AtomicInteger SLOTS = new AtomicInteger();

    private final Session session;
    /** Which keep-alive sweeps handle it ({@link Router#sweep}): connections spread evenly over them. */
    private final int slot = SLOTS.getAndIncrement() & Integer.MAX_VALUE;

    private final AtomicReference<State> state = new AtomicReference<>(State.HELD);
    /** The connection's own {@code subscribe}. */
    private volatile Filter own = Filter.ALL;
    /** The admin's saved preferences (admins only), or null. */
    private volatile Preferences.Saved saved;
    /**
     * The head when it registered: where it goes live from if it does not resume. Feed thread only;
     * let go once a replay starts (a live connection's position is the feed's, so an idle connection
     * keeps no vector of its own).
     */
    long[] cursor;
    /** The position token requested at connect ({@code ?position=}), or null. */
    final String requestedPosition;

    Subscription(Session session, String requestedPosition) {
        this.session = session;
        this.requestedPosition = requestedPosition;
    }

    /** The connect-time cursor, handed over once (then null). */
    long[] takeCursor() {
        long[] c = cursor;
        cursor = null;
        return c;
    }

    int slot() {
        return slot;
    }

    public Session session() {
        return session;
    }

    public State state() {
        return state.get();
    }

    boolean transition(State from, State to) {
        return state.compareAndSet(from, to);
    }

    void setState(State s) {
        state.set(s);
    }

    public boolean isClosed() {
        return state.get() == State.CLOSED || session.isClosed();
    }

    void ownFilter(Filter f) {
        this.own = f;
    }

    void saved(Preferences.Saved preferences) {
        this.saved = preferences;
    }

    /** Whether the client wants this event under this name: its saved preferences and its own filter both accept it. */
    boolean accepts(String eventName, GatewayEvent e) {
        return accepts(saved, own, eventName, e);
    }

    /** The rule of {@link #accepts(String, GatewayEvent)} for a given pair of filters. */
    static boolean accepts(Preferences.Saved p, Filter f, String eventName, GatewayEvent e) {
        if (p == null && f == Filter.ALL) {
            return true;
        }
        return (p == null || p.filter().accepts(eventName, e)) && f.accepts(eventName, e);
    }

    /** The connection's own filter ({@link Filter#ALL} until it subscribes). */
    Filter own() {
        return own;
    }

    /** The admin's saved preferences, or null. */
    Preferences.Saved saved() {
        return saved;
    }

    /** The {@code system:subscribed} data: the filter in force (saved AND own) and the saved preferences. */
    Subscribed subscribed() {
        Preferences.Saved p = saved;
        Filter effective = p == null ? own : Filter.intersect(p.filter(), own);
        return effective == null
                ? new Subscribed(List.of(), Set.of(), Set.of(), p.data(), true)
                : new Subscribed(
                        effective.events(),
                        effective.startups(),
                        effective.signals(),
                        p == null ? null : p.data(),
                        false);
    }

    /**
     * {@code {"events":[…],"startups":[…],"signals":[…],"saved":{…}|null}}; {@code matchesNothing}
     * (only when true) says the saved preferences and the connection's filter have nothing in common.
     */
    public record Subscribed(
            List<String> events,
            Set<String> startups,
            Set<String> signals,
            AdminPreferencesData saved,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean matchesNothing) {}
}
