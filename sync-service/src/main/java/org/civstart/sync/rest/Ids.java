package org.civstart.sync.rest;

/** Patterns of Airtable ids, checked before an id goes into a URL path of an Airtable call, and what a 400 says of a bad one. */
final class Ids {
    static final String BASE = "app[A-Za-z0-9]{14}";
    static final String TABLE = "tbl[A-Za-z0-9]{14}";
    static final String NOT_A_BASE = "must be an Airtable base id (app + 14 letters or digits)";
    static final String NOT_A_TABLE = "must be an Airtable table id (tbl + 14 letters or digits)";

    private Ids() {}
}
