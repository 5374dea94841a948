package org.civstart.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.civstart.chaos.check.Figures;
import org.civstart.chaos.check.KafkaObserver;
import org.civstart.chaos.check.Reconciliation;
import org.civstart.chaos.check.Stores;
import org.civstart.chaos.clients.Fleet;
import org.civstart.chaos.load.CreditWriters;
import org.civstart.chaos.load.Rest;
import org.civstart.chaos.system.Platform;
import org.civstart.chaos.system.Service;
import org.civstart.testing.TestTokens;

/**
 * One scenario's traffic and its checks: its own startups (so scenarios sharing a platform never
 * see each other's data), an observer on the {@code credits} topic, WebSocket clients, REST writers;
 * then {@link #settle()} waits for the system to finish what it was given and {@link #reconcile()}
 * checks it all from outside.
 */
final class ScenarioRun implements AutoCloseable {

    static final String WRITER = TestTokens.admin("chaos-writer");

    final String name;
    final Platform platform;
    final List<UUID> startups;
    final KafkaObserver observer;
    final Stores stores;
    final Figures figures;
    Fleet fleet;
    CreditWriters writers;

    ScenarioRun(String name, Platform platform, int startups, String... moreTopics) {
        this.name = name;
        this.platform = platform;
        this.figures = new Figures(name);
        this.startups = Rest.startups(platform.signal.url(""), WRITER, name, startups);
        String[] topics = new String[moreTopics.length + 1];
        topics[0] = "credits";
        System.arraycopy(moreTopics, 0, topics, 1, moreTopics.length);
        this.observer = new KafkaObserver(platform.broker.bootstrapServers(), topics);
        this.stores = new Stores(platform.database);
    }

    /** Connects {@code perStartup} sockets per startup and {@code admins} admin sockets, spread over {@code gateways}. */
    Fleet clients(int perStartup, int admins, List<Service> gateways) throws InterruptedException {
        fleet = new Fleet(gateways.stream().map(g -> g.ws("")).toList(), startups, perStartup, admins);
        fleet.connect(Duration.ofMinutes(3));
        return fleet;
    }

    CreditWriters writers(int threads, double ratePerSecond, long limit) {
        writers = new CreditWriters(platform.signal.url(""), WRITER, startups, threads, ratePerSecond, limit).start();
        return writers;
    }

    /**
     * After the writers stopped: waits (each up to 3 minutes) until signal-service's outbox is empty
     * and Kafka holds an event for every ledger row, notification-service made every notification it
     * owes, and every client got everything of its audience. What is still missing then is lost.
     */
    void settle() throws Exception {
        long t0 = System.nanoTime();
        await("outbox drained, every row on Kafka", () -> {
            try {
                return stores.outboxPending() == 0
                        && reconciliation().events() >= stores.ledger(startups).size();
            } catch (Exception e) {
                return false;
            }
        });
        await("notifications made", () -> {
            try {
                Reconciliation r = reconciliation();
                Map<String, Integer> made = stores.notificationsBySourceEvent(startups);
                return r.notifying().stream().allMatch(made::containsKey);
            } catch (Exception e) {
                return false;
            }
        });
        if (fleet != null) {
            await("every client has its events", () -> Reconciliation.allDelivered(fleet, reconciliation()));
        }
        figures.detail("settleSeconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                System.out.println("CHAOS " + name + ": not settled within 3 minutes: " + what);
                return;
            }
            Thread.sleep(500);
        }
    }

    Reconciliation reconciliation() {
        return new Reconciliation(startups, observer.records("credits"));
    }

    /** Checks writes, rows, events, notifications and deliveries; the figures are complete but for recovery. */
    Figures reconcile() throws Exception {
        Reconciliation r = reconciliation();
        r.writesRowsEvents(writers.writes(), stores.ledger(startups), figures);
        r.notifications(stores.notificationsBySourceEvent(startups), figures);
        if (fleet != null) {
            r.deliveries(fleet, figures);
        }
        figures.detail("answers", writers.answers().byStatus());
        figures.detail("unclean5xx", writers.answers().unclean());
        if (writers.answers().clientErrorExample() != null) {
            figures.detail("4xxExample", writers.answers().clientErrorExample());
        }
        if (writers.answers().uncleanExample() != null) {
            figures.detail("unclean5xxExample", writers.answers().uncleanExample());
        }
        return figures;
    }

    @Override
    public void close() throws Exception {
        if (writers != null) {
            writers.stop();
        }
        if (fleet != null) {
            fleet.close();
        }
        observer.close();
    }
}
