package org.civstart.sync.support;

import java.net.URI;

import jakarta.inject.Inject;

import org.civstart.peer.airtable.FakeAirtable;
import org.junit.jupiter.api.BeforeEach;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * What the sync-service tests extend: the Airtable peer ({@link #airtable}) sending its pings to this
 * service, a new base of the test's own ({@link #base}: the tests share the peer and the database, and
 * tell their records apart by base), and the database ({@link #db}). A test registers the webhook it
 * needs with {@link #registerWebhook}.
 */
public abstract class AirtableFixture {

    @TestHTTPResource("/webhooks/airtable")
    URI pingUrl;

    @Inject
    protected Db db;

    protected FakeAirtable airtable;
    protected String base;

    @BeforeEach
    protected void newBaseWhosePingsComeHere() {
        airtable = FakeAirtableResource.peer();
        airtable.pingTarget(pingUrl);
        base = FakeAirtable.newBaseId();
    }

    /** Registers a webhook on this test's base through the admin API, on {@code tableId} (null: every table); its id. */
    protected String registerWebhook(String tableId) {
        return Fixtures.registerWebhook(base, tableId);
    }
}
