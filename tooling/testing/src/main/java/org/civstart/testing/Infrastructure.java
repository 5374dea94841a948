package org.civstart.testing;

import java.io.IOException;
import java.util.Map;

import org.civstart.infra.KafkaBroker;
import org.civstart.infra.PostgresServer;

/**
 * The real Kafka broker and PostgreSQL server of a test JVM: started once on first use, shared by
 * every test class of the module, stopped when the JVM exits.
 */
public final class Infrastructure {

    /** Partitions of each catalog topic in tests: more than one, so ordering is tested per key. */
    public static final int TEST_PARTITIONS = 3;

    /**
     * The system property naming the test broker once it runs (system properties are shared by every
     * class loader of the JVM, e.g. with {@link CatalogCoverageRecorder}).
     */
    public static final String KAFKA_BOOTSTRAP_PROPERTY = "civstart.test.kafka.bootstrap-servers";

    /**
     * Every test broker started in this JVM, separated by {@code ;}. Quarkus loads this class again
     * for each application restart (another test profile), so one module's tests may run on several
     * brokers; all of them stay up until the JVM exits.
     */
    public static final String ALL_KAFKA_BOOTSTRAP_PROPERTY = "civstart.test.kafka.all-bootstrap-servers";

    private static KafkaBroker kafka;
    private static PostgresServer postgres;

    private Infrastructure() {}

    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            try {
                kafka = KafkaBroker.startTemporary();
            } catch (IOException e) {
                throw new IllegalStateException("starting the Kafka broker failed", e);
            }
            kafka.createCatalogTopics(TEST_PARTITIONS, Map.of());
            System.setProperty(KAFKA_BOOTSTRAP_PROPERTY, kafka.bootstrapServers());
            synchronized (System.class) {
                String all = System.getProperty(ALL_KAFKA_BOOTSTRAP_PROPERTY);
                System.setProperty(
                        ALL_KAFKA_BOOTSTRAP_PROPERTY,
                        all == null ? kafka.bootstrapServers() : all + ";" + kafka.bootstrapServers());
            }
            KafkaBroker started = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "kafka-shutdown"));
        }
        return kafka;
    }

    /** A database of the test PostgreSQL server (created unless it exists), and plain SQL on it. */
    public static Db database(String name) {
        PostgresServer pg = postgres();
        pg.createDatabase(name);
        return Db.of(pg.jdbcUrl(name), PostgresServer.USER, "");
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            try {
                postgres = PostgresServer.startTemporary();
            } catch (IOException e) {
                throw new IllegalStateException("starting PostgreSQL failed", e);
            }
            PostgresServer started = postgres;
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try {
                                    started.close();
                                } catch (IOException ignored) {
                                    // the JVM is exiting
                                }
                            },
                            "postgres-shutdown"));
        }
        return postgres;
    }
}
