package org.civstart.gateway.feed;

import java.util.ArrayList;
import java.util.List;

/**
 * Recent events of one partition, oldest evicted first: what a reconnecting client missed is
 * usually here, so most resumes never touch Kafka. Appended by the feed thread, read by replays.
 */
public final class History {

    private final GatewayEvent[] ring;
    private int start;
    private int size;
    /** The offset the next appended event will have; events below {@link #oldest()} are gone. */
    private long next;

    History(int capacity, long next) {
        this.ring = new GatewayEvent[Math.max(1, capacity)];
        this.next = next;
    }

    synchronized void add(GatewayEvent e) {
        int end = (start + size) % ring.length;
        ring[end] = e;
        if (size < ring.length) {
            size++;
        } else {
            start = (start + 1) % ring.length;
        }
        next = e.offset() + 1;
    }

    /** The lowest offset served from memory; a cursor below it must read Kafka. */
    public synchronized long oldest() {
        return size == 0 ? next : ring[start].offset();
    }

    /**
     * Events with offset ≥ {@code from}, oldest first, at most {@code max}; null when memory no longer
     * holds the events from {@code from} on ({@code from} < {@link #oldest()}: evicted, read Kafka).
     * One atomic look: a reader on another thread that checked {@link #oldest()} first may find the
     * feed has evicted meanwhile, and must not skip what was evicted.
     */
    public synchronized List<GatewayEvent> from(long from, int max) {
        if (from < oldest()) {
            return null;
        }
        List<GatewayEvent> out = new ArrayList<>(Math.min(max, size));
        int lo = 0;
        int hi = size;
        while (lo < hi) { // first index with offset >= from
            int mid = (lo + hi) >>> 1;
            if (ring[(start + mid) % ring.length].offset() < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int i = lo; i < size && out.size() < max; i++) {
            out.add(ring[(start + i) % ring.length]);
        }
        return out;
    }

    /** The offset after the newest event (the head of this partition in memory). */
    public synchronized long next() {
        return next;
    }

    public synchronized int size() {
        return size;
    }
}
