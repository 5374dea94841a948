package org.civstart.sync.support;

import java.net.URI;

import org.civstart.peer.airtable.FakeAirtable;
import org.civstart.testing.Db;
import org.junit.jupiter.api.BeforeEach;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * What the sync-service tests extend: the Airtable peer ({@link #airtable}) sending its pings to this
 * service, a new base of the test's own ({@link #base}: the tests share the peer and the database, and
 * tell their records apart by base), and the database ({@link #db}). A test registers the webhook it
 * needs with {@link #registerWebhook} and follows its payloads with {@link #cursor} and {@link #pings}.
 */
public abstract class AirtableFixture {

    @TestHTTPResource("/webhooks/airtable")
    URI pingUrl;

    protected final Db db = Db.application();

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

    /** The number of the webhook's next payload to apply. */
    protected long cursor(String webhookId) {
        return db.count("select cursor from airtable_webhook where id = ?", webhookId);
    }

    /** The webhook's stored pings that still wait for their payloads to be applied. */
    protected long pings(String webhookId) {
        return db.count("select count(*) from airtable_ping where webhook_id = ?", webhookId);
    }
}
