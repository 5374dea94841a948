package org.civstart.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civstart.sync.support.Fixtures.INTERACTIONS;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.civstart.events.Topic;
import org.civstart.peer.airtable.FakeAirtable;
import org.civstart.sync.support.AirtableFixture;
import org.civstart.sync.support.SyncTest;
import org.civstart.testing.EventRecorder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Airtable client: after a 429 it leaves the base alone for the configured pause (Airtable: 30 s;
 * here {@code %test} 400 ms, and the peer punishes any request inside it), then retries; 5xx
 * answers are retried; nothing is lost either way.
 */
@SyncTest
class RateLimitTest extends AirtableFixture {

    @ConfigProperty(name = "civstart.sync.airtable.rate-limit-pause")
    Duration pause;

    String webhook;

    @BeforeEach
    void setUp() {
        airtable.rateLimitPenalty(pause);
        webhook = registerWebhook(INTERACTIONS);
    }

    @Test
    void a429PausesTheBaseForTheConfiguredTimeThenTheRequestIsRepeated() {
        try (EventRecorder events = EventRecorder.on(Topic.AIRTABLE_SYNC)) {
            String record = airtable.create(base, INTERACTIONS, Map.of("fldIntNotes", "call"));
            airtable.failNext(base, 429, 429);

            assertThat(airtable.ping(webhook)).isEqualTo(204);
            events.await(1, r -> record.equals(r.key()));

            List<FakeAirtable.Request> payloadRequests = airtable.requests(base).stream()
                    .filter(r -> r.path().endsWith("/payloads"))
                    .toList();
            assertThat(payloadRequests).extracting(FakeAirtable.Request::status).containsExactly(429, 429, 200);
            for (int i = 1; i < payloadRequests.size(); i++) {
                assertThat(payloadRequests.get(i).nanoTime()
                                - payloadRequests.get(i - 1).nanoTime())
                        .as("gap after the 429 number %d", i)
                        .isGreaterThanOrEqualTo(pause.toNanos());
            }
            assertThat(airtable.violations()).noneMatch(v -> v.contains(base));
        }
    }

    @Test
    void serverErrorsAreRetried() {
        try (EventRecorder events = EventRecorder.on(Topic.AIRTABLE_SYNC)) {
            String record = airtable.create(base, INTERACTIONS, Map.of("fldIntNotes", "meeting"));
            airtable.failNext(base, 503, 500);

            assertThat(airtable.ping(webhook)).isEqualTo(204);
            events.await(1, r -> record.equals(r.key()));

            assertThat(airtable.requests(base).stream().filter(r -> r.path().endsWith("/payloads")))
                    .extracting(FakeAirtable.Request::status)
                    .containsExactly(503, 500, 200);
        }
    }

    @Test
    void manyPingsAtOnceNeverExceedFiveRequestsPerSecondToTheBase() {
        try (EventRecorder events = EventRecorder.on(Topic.AIRTABLE_SYNC)) {
            List<String> records = new ArrayList<>();
            // 12 changes, each announced by its own ping as fast as we can send them
            for (int i = 0; i < 12; i++) {
                records.add(airtable.create(base, INTERACTIONS, Map.of("fldIntNotes", "note " + i)));
                assertThat(airtable.ping(webhook)).isEqualTo(204);
            }
            events.await(records.size(), r -> records.contains(r.key()));

            assertThat(airtable.violations()).noneMatch(v -> v.contains(base));
            List<Long> times = airtable.requests(base).stream()
                    .map(FakeAirtable.Request::nanoTime)
                    .sorted()
                    .toList();
            for (int i = 5; i < times.size(); i++) {
                assertThat(times.get(i) - times.get(i - 5)).isGreaterThanOrEqualTo(1_000_000_000L);
            }
        }
    }
}
