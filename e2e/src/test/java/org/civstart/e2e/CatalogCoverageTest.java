package org.civstart.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.civstart.events.EventType;
import org.civstart.testing.CatalogCoverageRecorder;
import org.junit.jupiter.api.Test;

/**
 * Every catalog event type is fired by some operation: an entry nobody publishes is a promise to
 * the frontend that is never kept (as {@code analytics.updated} once was).
 *
 * <p>The evidence: each service module's own test suite records the types its service published to
 * Kafka ({@link CatalogCoverageRecorder}, {@code <module>/target/catalog-coverage/<service>.txt}).
 * This module comes last in the reactor, so by the time this test runs every service's tests have
 * run and recorded; this test takes the union and compares it with the catalog. A missing recording
 * fails too: without evidence there is no coverage.
 */
class CatalogCoverageTest {

    /** The services that publish events; each must have recorded (their test suites ran in this build or an earlier one). */
    static final List<String> SERVICES = List.of("signal-service", "notification-service", "sync-service");

    /**
     * Catalog entries whose operation is still being built, with who builds it. The list may only
     * shrink: an entry that is published meanwhile fails this test until it is removed here.
     */
    static final Map<EventType, String> NOT_YET_FIRED = Map.of();

    @Test
    void everyCatalogEventTypeIsPublishedBySomeService() throws IOException {
        Map<String, Set<String>> recorded =
                recordings(Path.of("..").toAbsolutePath().normalize());
        assertThat(recorded.keySet())
                .as("recordings of " + CatalogCoverageRecorder.DIRECTORY + "/<service>.txt: run the"
                        + " services' tests first (./mvnw verify from the root)")
                .containsAll(SERVICES);

        Set<String> published =
                recorded.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
        Set<String> neverFired = new TreeSet<>();
        for (EventType t : EventType.values()) {
            if (!published.contains(t.type()) && !NOT_YET_FIRED.containsKey(t)) {
                neverFired.add(t.type());
            }
        }
        assertThat(neverFired)
                .as("catalog event types no service published in its tests (recorded: " + recorded + ")")
                .isEmpty();
        assertThat(NOT_YET_FIRED.keySet())
                .as("published now: remove from NOT_YET_FIRED")
                .noneMatch(t -> published.contains(t.type()));
        Set<String> unknown = new TreeSet<>(published);
        unknown.removeIf(type -> EventType.ofType(type) != null);
        assertThat(unknown).as("published types the catalog does not know").isEmpty();
    }

    /** Service → the types it recorded, from every module of the repository. */
    static Map<String, Set<String>> recordings(Path root) throws IOException {
        Map<String, Set<String>> recorded = new TreeMap<>();
        try (Stream<Path> files = Files.find(
                root,
                5,
                (p, a) -> a.isRegularFile()
                        && p.toString().endsWith(".txt")
                        && p.getParent().endsWith(Path.of(CatalogCoverageRecorder.DIRECTORY)))) {
            for (Path f : files.toList()) {
                String service = f.getFileName().toString().replaceFirst("\\.txt$", "");
                recorded.computeIfAbsent(service, s -> new TreeSet<>())
                        .addAll(Files.readAllLines(f).stream()
                                .map(String::trim)
                                .filter(l -> !l.isEmpty())
                                .toList());
            }
        }
        return recorded;
    }

    @Test
    void recordingsAreFoundWhereTheRecorderWritesThem() throws IOException {
        Path root = Files.createTempDirectory("coverage");
        Path dir = root.resolve("some-service").resolve(CatalogCoverageRecorder.DIRECTORY);
        Files.createDirectories(dir);
        Files.write(dir.resolve("some-service.txt"), List.of("signal.created", "", "signal.updated"));
        assertThat(recordings(root))
                .containsExactly(
                        Map.entry("some-service", new TreeSet<>(Arrays.asList("signal.created", "signal.updated"))));
    }
}
