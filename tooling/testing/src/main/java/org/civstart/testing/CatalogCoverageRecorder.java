package org.civstart.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.civstart.events.CloudEvent;
import org.civstart.events.Topic;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Records, at the end of a module's test run, which catalog event types the module's service
 * published: the evidence the catalog coverage check ({@code e2e} {@code CatalogCoverageTest})
 * unions across services, so an event type that no operation ever fires fails the build.
 *
 * <p>Registered as a JUnit Platform {@link LauncherSessionListener}: every module whose tests use
 * this library runs it. When the session closes and this JVM started the test Kafka broker
 * ({@link Infrastructure}: one per Quarkus application restart), it reads every catalog topic of each from the beginning and writes the
 * {@code ce_type} of each event whose {@code ce_source} is this module's application to
 * {@code target/catalog-coverage/<application>.txt}, one type per line, sorted. Events that tests
 * produce themselves to feed a service carry another service's {@code ce_source} and do not count.
 *
 * <p>The application is {@code quarkus.application.name} of {@code target/classes/application.properties}
 * (the service the module builds), or system property {@value #SOURCE}. A run restricted with
 * {@code -Dtest=...} leaves the last recording as it is: it would under-report.
 */
public class CatalogCoverageRecorder implements LauncherSessionListener {

    /** Overrides the application whose events are recorded. */
    public static final String SOURCE = "civstart.catalog-coverage.source";
    /** Where recordings go, relative to the module (the e2e check reads {@code <module>/target/catalog-coverage}). */
    public static final String DIRECTORY = "target/catalog-coverage";

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        String bootstrap = System.getProperty(Infrastructure.ALL_KAFKA_BOOTSTRAP_PROPERTY);
        String source = System.getProperty(SOURCE, applicationName());
        if (bootstrap == null || source == null) {
            return; // no broker in this JVM, or no service built here
        }
        Path file = Path.of(DIRECTORY, source + ".txt");
        try {
            if (System.getProperty("test") != null) {
                System.out.println("catalog coverage: not recorded for " + source
                        + " (a filtered run, -Dtest: the last full run's recording stays)");
                return;
            }
            Set<String> types = new TreeSet<>();
            for (String broker : bootstrap.split(";")) { // every broker this JVM's tests ran on
                types.addAll(typesPublishedBy(source, broker));
            }
            Files.createDirectories(file.getParent());
            Files.write(file, types);
            System.out.println(
                    "catalog coverage: " + source + " published " + types.size() + " event types -> " + file);
        } catch (IOException | RuntimeException e) {
            System.err.println("catalog coverage: recording for " + source + " failed: " + e);
        }
    }

    /** The ce_types of every event on the catalog topics whose ce_source is {@code source}. */
    static Set<String> typesPublishedBy(String source, String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "5000");
        Set<String> types = new TreeSet<>();
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic t : Topic.values()) {
                c.partitionsFor(t.topicName())
                        .forEach(pi -> partitions.add(new TopicPartition(pi.topic(), pi.partition())));
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the topics to their end " + end);
                }
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (source.equals(CloudEvent.header(r.headers(), CloudEvent.SOURCE))) {
                        String type = CloudEvent.header(r.headers(), CloudEvent.TYPE);
                        if (type != null) {
                            types.add(type);
                        }
                    }
                }
            }
        }
        return types;
    }

    private static String applicationName() {
        Path properties = Path.of("target", "classes", "application.properties");
        if (!Files.isRegularFile(properties)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(properties)) {
            p.load(in);
        } catch (IOException e) {
            return null;
        }
        return p.getProperty("quarkus.application.name");
    }
}
