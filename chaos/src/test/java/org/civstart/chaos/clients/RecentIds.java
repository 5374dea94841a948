package org.civstart.chaos.clients;

import java.util.Iterator;
import java.util.LinkedHashSet;

/** The last {@code capacity} frame ids a client handed over (the browser SDK keeps 10,000): its duplicate filter. */
final class RecentIds {

    private final int capacity;
    private final LinkedHashSet<String> ids = new LinkedHashSet<>();

    RecentIds(int capacity) {
        this.capacity = capacity;
    }

    /** False if {@code id} was seen (within the window). */
    boolean add(String id) {
        if (!ids.add(id)) {
            return false;
        }
        if (ids.size() > capacity) {
            Iterator<String> oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }
}
