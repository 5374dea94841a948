package org.civstart.signal.domain;

import org.civstart.rest.ConflictException;

/** Optimistic locking from the client's side: an update that names a stale version is refused. */
public final class Versions {

    private Versions() {}

    public static void check(String what, Object id, Long expected, long actual) {
        if (expected != null && expected != actual) {
            throw new ConflictException(what + " " + id + " was changed by someone else (version " + actual
                    + ", you sent " + expected + "): reload and retry");
        }
    }
}
