package org.civstart.signal.service;

import org.civstart.rest.ConflictException;

/** Optimistic locking from the client's side: an update that names a stale version is refused. */
final class Versions {

    private Versions() {
    }

    static void check(String what, Object id, Long expected, long actual) {
        if (expected != null && expected != actual) {
            throw new ConflictException(what + " " + id + " was changed by someone else (version " + actual
                    + ", you sent " + expected + "): reload and retry");
        }
    }
}
