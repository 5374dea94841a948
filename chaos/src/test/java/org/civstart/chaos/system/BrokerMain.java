package org.civstart.chaos.system;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.civstart.infra.KafkaBroker;

/**
 * The main of the Kafka broker's own JVM: {@code BrokerMain <dataDir> <port> <controllerPort> <partitions>}.
 * Starts the broker (formatting the log on first use, reusing it afterwards), creates the catalog
 * topics, prints {@code ready} and runs until it is stopped: SIGTERM shuts the broker down cleanly
 * and keeps its data for the next start.
 */
public final class BrokerMain {

    private BrokerMain() {}

    public static void main(String[] args) throws Exception {
        KafkaBroker broker =
                KafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), false);
        broker.createCatalogTopics(Integer.parseInt(args[3]), Map.of());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            broker.close();
                            stopped.countDown();
                        },
                        "broker-shutdown"));
        System.out.println("ready " + broker.bootstrapServers());
        System.out.flush();
        // the test JVM holds our stdin open: when it ends (even killed), stdin closes and the broker stops with it
        Thread orphan = new Thread(
                () -> {
                    try {
                        while (System.in.read() >= 0) {
                            // nothing is sent
                        }
                    } catch (IOException e) {
                        // closed
                    }
                    System.exit(0);
                },
                "parent-watch");
        orphan.setDaemon(true);
        orphan.start();
        stopped.await();
    }
}
