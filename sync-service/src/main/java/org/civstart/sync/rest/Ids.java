package org.civstart.sync.rest;

/** Patterns of Airtable ids, checked before an id goes into a URL path of an Airtable call. */
final class Ids {
    static final String BASE = "app[A-Za-z0-9]{14}";
    static final String TABLE = "tbl[A-Za-z0-9]{14}";

    private Ids() {
    }
}
