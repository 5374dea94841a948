package org.civstart.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.civstart.sync.support.Fixtures.CONTACTS;
import static org.civstart.sync.support.Fixtures.metric;

import java.time.Duration;

import org.civstart.peer.airtable.FakeAirtable;
import org.civstart.sync.support.AirtableFixture;
import org.civstart.sync.support.Fixtures;
import org.civstart.sync.support.SyncTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook gauges on /q/metrics that the Airtable alerts use: the number of webhooks per status
 * and the seconds until the first active webhook expires. The database is shared with the other
 * tests, so the gauges are compared with what the table holds at that moment.
 */
@SyncTest
class WebhookMetricsTest extends AirtableFixture {

    private static final String EXPIRES_IN = "airtable_webhook_expires_in_seconds";

    @AfterEach
    void tearDown() {
        airtable.webhookLifetime(Duration.ofDays(7));
    }

    @Test
    void theWebhooksPerStatusAreCountedAndAnExpiredOneShows() {
        airtable.webhookLifetime(
                Duration.ofMinutes(-1)); // Airtable already disabled it: the refresher marks it expired
        String expired = registerWebhook(CONTACTS);
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        db.count("select count(*) from airtable_webhook where id = ? and status = 'expired'", expired)
                                == 1);
        airtable.webhookLifetime(Duration.ofDays(7));
        Fixtures.registerWebhook(FakeAirtable.newBaseId(), CONTACTS); // and an active one, on a base of its own

        for (String status : new String[] {"active", "failed", "expired"}) {
            long inTable = db.count("select count(*) from airtable_webhook where status = ?", status);
            assertThat(metric("airtable_webhooks", "status=\"" + status + "\""))
                    .as(status)
                    .isEqualTo(inTable);
        }
        assertThat(metric("airtable_webhooks", "status=\"expired\"")).isGreaterThanOrEqualTo(1);
        assertThat(metric("airtable_webhooks", "status=\"active\"")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theSecondsUntilTheFirstActiveWebhookExpiresFollowItsRefreshes() {
        // a short life: the refresher (every second in tests, 48 h ahead) extends every active webhook to 90 minutes
        airtable.webhookLifetime(Duration.ofMinutes(90));
        registerWebhook(CONTACTS);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(metric(EXPIRES_IN, "")).isBetween(90 * 60 - 300.0, 90 * 60.0));

        // Airtable's normal 7 days again: the next refreshes move the first expiry out
        airtable.webhookLifetime(Duration.ofDays(7));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(metric(EXPIRES_IN, ""))
                        .isGreaterThan(Duration.ofDays(7).minusHours(1).toSeconds()));
    }
}
