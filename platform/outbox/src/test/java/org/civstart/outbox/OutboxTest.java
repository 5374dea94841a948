package org.civstart.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.events.Topic;
import org.civstart.testing.EventRecorder;
import org.civstart.testing.Infrastructure;
import org.civstart.testing.RealKafkaAndPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = RealKafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "outbox_test"))
class OutboxTest {

    @Inject
    WidgetService widgets;

    @Inject
    OutboxRelayService relayService;

    @Inject
    DataSource dataSource;

    @Inject
    Event<OutboxEvent> events;

    @Inject
    ObjectMapper json;

    @Inject
    Acting acting;

    @Inject
    Tracer tracer;

    @AfterEach
    void relayRuns() {
        relayService.relay().start();
    }

    @Test
    void entityAndEventCommitTogether() throws Exception {
        try (EventRecorder recorder = EventRecorder.on(Topic.STARTUPS)) {
            Widget w = widgets.create("committed", false);

            ConsumerRecord<String, String> record =
                    recorder.await(1, r -> w.id.toString().equals(r.key())).get(0);
            assertThat(record.topic()).isEqualTo("startups");
            CloudEvent ce = CloudEvent.of(record);
            assertThat(ce.type()).isEqualTo(EventType.STARTUP_CREATED.type());
            assertThat(ce.source()).isEqualTo("outbox-test");
            assertThat(ce.subject()).isEqualTo(w.id.toString());
            assertThat(ce.audience()).isEqualTo("admin");
            assertThat(UUID.fromString(ce.id())).isNotNull();
            assertThat(CloudEvent.header(record.headers(), CloudEvent.SPECVERSION))
                    .isEqualTo("1.0");
            assertThat(CloudEvent.header(record.headers(), CloudEvent.CONTENT_TYPE))
                    .isEqualTo("application/json");
            assertThat(json.readTree(record.value()).get("name").asText()).isEqualTo("committed");
            assertThat(countRows("select count(*) from outbox where aggregateid = '" + w.id + "'"))
                    .as("row deleted after the broker acknowledged")
                    .isZero();
        }
    }

    @Test
    void everyEventNamesItsActorAndCorrelationId() throws Exception {
        try (EventRecorder recorder = EventRecorder.on(Topic.STARTUPS)) {
            // Work no request started: actor system, one correlation id per transaction.
            widgets.emitAll(List.of(
                    WidgetService.WidgetCreated.numbered("ctx-a", 1),
                    WidgetService.WidgetCreated.numbered("ctx-a", 2)));
            widgets.emitAll(List.of(WidgetService.WidgetCreated.numbered("ctx-b", 1)));
            // A consumer applying someone else's event names the actor and carries its correlation id forward.
            Widget fromAirtable = acting.as(
                    CloudEvent.AIRTABLE_ACTOR, "corr-from-upstream", () -> widgets.create("from-airtable", false));

            List<CloudEvent> a = recorder.await(2, r -> "ctx-a".equals(r.key())).stream()
                    .map(CloudEvent::of)
                    .toList();
            CloudEvent b = CloudEvent.of(
                    recorder.await(1, r -> "ctx-b".equals(r.key())).get(0));
            CloudEvent c = CloudEvent.of(
                    recorder.await(1, r -> fromAirtable.id.toString().equals(r.key()))
                            .get(0));
            assertThat(a).extracting(CloudEvent::actor).containsOnly(CloudEvent.SYSTEM_ACTOR);
            assertThat(a.get(0).correlationId()).isNotBlank().isEqualTo(a.get(1).correlationId());
            assertThat(b.actor()).isEqualTo(CloudEvent.SYSTEM_ACTOR);
            assertThat(b.correlationId()).isNotBlank().isNotEqualTo(a.get(0).correlationId());
            assertThat(c.actor()).isEqualTo(CloudEvent.AIRTABLE_ACTOR);
            assertThat(c.correlationId()).isEqualTo("corr-from-upstream");
        }
    }

    @Test
    void anEventIsPublishedInTheTraceOfTheWorkThatMadeIt() throws Exception {
        try (EventRecorder recorder = EventRecorder.on(Topic.STARTUPS)) {
            Span work = tracer.spanBuilder("test work").startSpan();
            Widget traced;
            try (Scope ignored = work.makeCurrent()) {
                traced = widgets.create("traced", false);
            } finally {
                work.end();
            }
            Widget untraced = widgets.create("untraced", false);

            CloudEvent t = CloudEvent.of(
                    recorder.await(1, r -> traced.id.toString().equals(r.key())).get(0));
            CloudEvent u =
                    CloudEvent.of(recorder.await(1, r -> untraced.id.toString().equals(r.key()))
                            .get(0));
            String traceId = work.getSpanContext().getTraceId();
            assertThat(t.traceparent())
                    .as("W3C traceparent of the relay's publish span, in the work's trace")
                    .matches("00-" + traceId + "-[0-9a-f]{16}-01")
                    .doesNotContain(work.getSpanContext().getSpanId());
            assertThat(u.traceparent())
                    .as("work no span covers publishes no trace")
                    .isNull();
        }
    }

    @Test
    void aConsumerContinuesTheTraceOfTheEventItApplies() throws Exception {
        try (EventRecorder recorder = EventRecorder.on(Topic.STARTUPS)) {
            String upstreamTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
            CloudEvent consumed = new CloudEvent(
                            UUID.randomUUID().toString(),
                            EventType.STARTUP_CREATED.type(),
                            "upstream",
                            "s-1",
                            Instant.now(),
                            null,
                            "admin",
                            "{}")
                    .withTraceparent("00-" + upstreamTrace + "-00f067aa0ba902b7-01");
            Widget w = acting.onEvent(
                    consumed, "startups", CloudEvent.AIRTABLE_ACTOR, () -> widgets.create("downstream", false));

            CloudEvent published = CloudEvent.of(
                    recorder.await(1, r -> w.id.toString().equals(r.key())).get(0));
            assertThat(published.traceparent()).startsWith("00-" + upstreamTrace + "-");
            assertThat(published.correlationId())
                    .as("no correlation id upstream: its ce_id")
                    .isEqualTo(consumed.id());
            assertThat(published.actor()).isEqualTo(CloudEvent.AIRTABLE_ACTOR);
        }
    }

    @Test
    void rollbackLeavesNeitherRowNorEvent() throws Exception {
        try (EventRecorder recorder = EventRecorder.on(Topic.STARTUPS)) {
            assertThatThrownBy(() -> widgets.create("rolled-back", true)).hasMessageContaining("boom");
            Widget marker = widgets.create("marker", false);
            // the relay publishes in commit order: once the later marker is on Kafka, anything
            // committed before it would be too
            recorder.await(1, r -> marker.id.toString().equals(r.key()));
            assertThat(countRows("select count(*) from widget where name = 'rolled-back'"))
                    .isZero();
            assertThat(countRows("select count(*) from outbox")).isZero();
            assertThat(recorder.records()).noneMatch(r -> r.value().contains("rolled-back"));
        }
    }

    @Test
    void emittingOutsideATransactionFailsLoudly() throws Exception {
        Widget w = new Widget();
        w.id = UUID.randomUUID();
        w.name = "no-tx";
        assertThatThrownBy(() -> widgets.emitWithoutTransaction(WidgetService.WidgetCreated.of(w)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside an active transaction");
        assertThat(countRows("select count(*) from outbox")).isZero();
    }

    @Test
    void rowsCommittedWhileTheRelayIsDownArePublishedAfterRestart() throws Exception {
        try (EventRecorder recorder = EventRecorder.on(Topic.STARTUPS)) {
            relayService.relay().stop();
            List<Widget> created = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                created.add(widgets.create("while-down-" + i, false));
            }
            assertThat(countRows("select count(*) from outbox")).isEqualTo(50);
            Thread.sleep(500);
            assertThat(recorder.records())
                    .as("nothing published while the relay is down")
                    .isEmpty();

            relayService.relay().start();
            Set<String> ids = new HashSet<>();
            created.forEach(w -> ids.add(w.id.toString()));
            recorder.await(50, r -> ids.contains(r.key()));
            Awaitility.await().until(() -> countRows("select count(*) from outbox") == 0);
        }
    }

    @Test
    void aRowThatCommitsLateIsStillPublished() throws Exception {
        try (EventRecorder recorder = EventRecorder.on(Topic.STARTUPS)) {
            CountDownLatch aInserted = new CountDownLatch(1);
            CountDownLatch bPublished = new CountDownLatch(1);
            OutboxEvent a = WidgetService.WidgetCreated.numbered("late-a", 1);
            OutboxEvent b = WidgetService.WidgetCreated.numbered("late-b", 1);
            long[] seqs = new long[2];
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<?> txA = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                events.fire(a);
                seqs[0] = seqOf(a.id());
                aInserted.countDown();
                await(bPublished);
            }));
            aInserted.await(10, TimeUnit.SECONDS);
            QuarkusTransaction.requiringNew().run(() -> {
                events.fire(b);
                seqs[1] = seqOf(b.id());
            });
            assertThat(seqs[0]).as("A took its sequence number first").isLessThan(seqs[1]);
            recorder.await(1, r -> r.key().equals("late-b"));
            bPublished.countDown();
            txA.get(10, TimeUnit.SECONDS);
            pool.shutdown();
            recorder.await(1, r -> r.key().equals("late-a"));
        }
    }

    @Test
    void twoRelaysPublishTenThousandEventsInPerAggregateOrder() throws Exception {
        int aggregates = 100;
        int perAggregate = 100;
        String run = UUID.randomUUID().toString().substring(0, 8);
        KafkaProducer<String, String> secondProducer = new KafkaProducer<>(
                OutboxRelayService.producerConfig(Infrastructure.kafka().bootstrapServers(), "second", Map.of()),
                new StringSerializer(),
                new StringSerializer());
        OutboxRelay second = new OutboxRelay(
                dataSource,
                secondProducer,
                "outbox-test",
                500,
                Duration.ofMillis(50),
                Duration.ofMillis(200),
                "second-relay");
        try (EventRecorder recorder = EventRecorder.on(Topic.STARTUPS)) {
            second.start();
            // 4 concurrent writers, each owning 25 aggregates and committing their events in order
            // (one transaction per step and writer): the commit order of each aggregate is its order
            int writerCount = 4;
            ExecutorService writers = Executors.newFixedThreadPool(writerCount);
            AtomicInteger written = new AtomicInteger();
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writerCount; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    for (int n = 0; n < perAggregate; n++) {
                        List<OutboxEvent> batch = new ArrayList<>();
                        for (int a = writer; a < aggregates; a += writerCount) {
                            batch.add(WidgetService.WidgetCreated.numbered(run + "-agg-" + a, n));
                        }
                        widgets.emitAll(batch);
                        written.addAndGet(batch.size());
                    }
                }));
            }
            // the leader stops half-way: the other relay takes over
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> written.get() >= aggregates * perAggregate / 2);
            relayService.relay().stop();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            writers.shutdown();

            List<ConsumerRecord<String, String>> got =
                    recorder.await(aggregates * perAggregate, r -> r.key().startsWith(run));
            Map<String, List<Integer>> byAggregate = new LinkedHashMap<>();
            Set<String> seen = new HashSet<>();
            int duplicates = 0;
            for (ConsumerRecord<String, String> r : got) {
                if (!seen.add(CloudEvent.header(r.headers(), CloudEvent.ID))) {
                    duplicates++;
                    continue;
                }
                String name = json.readTree(r.value()).get("name").asText();
                byAggregate
                        .computeIfAbsent(r.key(), k -> new ArrayList<>())
                        .add(Integer.parseInt(name.substring(name.indexOf('#') + 1)));
            }
            System.out.printf(
                    "two relays: %d records on Kafka for %d events, %d duplicates%n",
                    got.size(), aggregates * perAggregate, duplicates);
            assertThat(byAggregate).hasSize(aggregates);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < perAggregate; i++) {
                expected.add(i);
            }
            byAggregate.forEach(
                    (aggregate, seqs) -> assertThat(seqs).as(aggregate).isEqualTo(expected));
            Awaitility.await().until(() -> countRows("select count(*) from outbox") == 0);
        } finally {
            second.stop();
            secondProducer.close();
        }
    }

    @Test
    void aCommitOnAReplicaThatIsNotTheLeaderWakesTheLeaderAtOnce() throws Exception {
        KafkaProducer<String, String> producer = new KafkaProducer<>(
                OutboxRelayService.producerConfig(Infrastructure.kafka().bootstrapServers(), "leader", Map.of()),
                new StringSerializer(),
                new StringSerializer());
        // the leader is another replica whose own sweep would take a minute
        relayService.relay().stop();
        OutboxRelay leader = new OutboxRelay(
                dataSource,
                producer,
                "outbox-test",
                500,
                Duration.ofMinutes(1),
                Duration.ofMillis(200),
                "other-replica");
        try (EventRecorder recorder = EventRecorder.on(Topic.STARTUPS)) {
            leader.start();
            Awaitility.await().until(leader::isLeader);
            Thread.sleep(200); // the leader has done its first sweep and waits
            Widget w = widgets.create("from-a-non-leader", false);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> recorder.records().stream()
                            .anyMatch(r -> w.id.toString().equals(r.key())));
        } finally {
            leader.stop();
            producer.close();
        }
    }

    @Inject
    ProcessedEvents processed;

    @Test
    void aRedeliveredEventHasOneEffect() throws Exception {
        String ceId = UUID.randomUUID().toString();
        String name = "effect-" + ceId;
        Runnable consume = () -> QuarkusTransaction.requiringNew().run(() -> {
            if (processed.firstTime("outbox-test-consumer", ceId)) {
                Widget w = new Widget();
                w.id = UUID.randomUUID();
                w.name = name;
                w.persist();
            }
        });
        consume.run();
        consume.run();
        assertThat(countRows("select count(*) from widget where name = '" + name + "'"))
                .isEqualTo(1);

        // an effect that fails rolls its processed-log row back too, so the retry applies it
        String failing = UUID.randomUUID().toString();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                    processed.firstTime("outbox-test-consumer", failing);
                    throw new IllegalStateException("effect failed");
                }))
                .hasMessageContaining("effect failed");
        assertThat(QuarkusTransaction.requiringNew().call(() -> processed.firstTime("outbox-test-consumer", failing)))
                .isTrue();
    }

    private long seqOf(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select seq from outbox where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long countRows(String sql) throws Exception {
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
