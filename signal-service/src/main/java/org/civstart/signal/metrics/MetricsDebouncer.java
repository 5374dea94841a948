package org.civstart.signal.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.civstart.events.Topic;
import org.civstart.outbox.OutboxEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Emits {@code metrics.updated} after changes, at most once per {@code civstart.metrics.min-interval}
 * (1 s) per audience, never per write.
 *
 * <p>Every committed outbox event (except metrics themselves) marks the platform dashboard and, if
 * the event names a startup, that startup's dashboard as dirty. A tick every
 * {@code civstart.metrics.tick} (200 ms) recomputes and emits each dirty audience whose last
 * emission is at least the minimum interval old. So the first change after a quiet period shows
 * within a tick, and a burst of writes yields one emission per second with the counters as they
 * are then. The mark is removed before recomputing, so a change that commits during the
 * computation is emitted on a later tick: the last emission always reflects the last change.
 *
 * <p>The dirty set lives in memory per replica: a crash loses at most one refresh (counters are
 * recomputed from the database on the next change); with N replicas an audience gets at most N
 * emissions per interval.
 */
@ApplicationScoped
public class MetricsDebouncer {

    private static final Logger LOG = Logger.getLogger(MetricsDebouncer.class);

    @Inject
    DashboardMetrics metrics;

    @ConfigProperty(name = "civstart.metrics.min-interval", defaultValue = "1s")
    Duration minInterval;

    private final Map<MetricsAudience, Boolean> dirty = new ConcurrentHashMap<>();
    private final Map<MetricsAudience, Long> lastEmitted = new ConcurrentHashMap<>();

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxEvent event) {
        if (event.type().topic() == Topic.METRICS) {
            return;
        }
        dirty.put(MetricsAudience.PLATFORM, Boolean.TRUE);
        if (event.startupId() != null) {
            dirty.put(MetricsAudience.startup(event.startupId()), Boolean.TRUE);
        }
    }

    @Scheduled(every = "${civstart.metrics.tick:200ms}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void flush() {
        long now = System.nanoTime();
        for (MetricsAudience audience : dirty.keySet()) {
            Long last = lastEmitted.get(audience);
            if (last != null && now - last < minInterval.toNanos()) {
                continue;
            }
            dirty.remove(audience);
            lastEmitted.put(audience, now);
            try {
                metrics.emit(audience);
            } catch (RuntimeException e) {
                dirty.put(audience, Boolean.TRUE);
                LOG.warnf("metrics for %s not emitted, retrying: %s", audience.isPlatform() ? "platform" : audience.startupId(), e.toString());
            }
        }
    }
}
