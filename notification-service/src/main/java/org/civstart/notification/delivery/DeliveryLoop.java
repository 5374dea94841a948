package org.civstart.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.civstart.notification.NotificationConfig;
import org.civstart.notification.channel.ChannelSender;
import org.civstart.notification.domain.Channel;
import org.civstart.notification.domain.Delivery;
import org.civstart.notification.template.Message;
import org.civstart.notification.template.RenderException;
import org.civstart.notification.template.Templates;
import org.civstart.notification.template.Variables;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;

/**
 * Sends due deliveries: right after a notification commits (and every
 * {@code civstart.notification.delivery.poll-interval} as the safety net) it claims a batch (see
 * {@link DeliveryStore#claimDue}), renders each with the current templates and hands
 * it to its channel. Every attempt is recorded; a failure is retried with backoff until the
 * attempts are spent. A template that does not render fails the delivery at once, with the error.
 */
@ApplicationScoped
public class DeliveryLoop {

    private static final Logger LOG = Logger.getLogger(DeliveryLoop.class);
    private static final TypeReference<List<Map<String, Object>>> ITEMS = new TypeReference<>() {};

    @Inject
    DeliveryStore store;

    @Inject
    Templates templates;

    @Inject
    NotificationConfig config;

    @Inject
    ObjectMapper json;

    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);

    @Inject
    void senders(Instance<ChannelSender> all) {
        all.forEach(s -> senders.put(s.channel(), s));
    }

    /** One thread runs the rounds of this replica (replicas share the work through the claims). */
    private ScheduledExecutorService worker;

    private final AtomicBoolean queued = new AtomicBoolean();

    @PostConstruct
    void start() {
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "delivery-loop");
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** The safety net: deliveries that became due by time (quiet hours, digests, retries after a restart). */
    @Scheduled(every = "${civstart.notification.delivery.poll-interval}")
    void tick() {
        wakeUp();
    }

    /**
     * Runs a round soon; wake-ups while one is queued coalesce. Called after a commit that planned
     * deliveries, so they go out at once rather than at the next tick.
     */
    public void wakeUp() {
        if (queued.compareAndSet(false, true)) {
            worker.execute(this::round);
        }
    }

    /** A retry due before the next tick gets a round of its own at its time. */
    void wakeUpAt(Instant when) {
        long delay = Math.max(0, Duration.between(Instant.now(), when).toMillis());
        if (delay < config.delivery().pollInterval().toMillis()) {
            worker.schedule(this::wakeUp, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void round() {
        queued.set(false);
        try {
            List<UUID> due;
            do {
                due = store.claimDue();
                due.forEach(this::deliver);
            } while (due.size() >= config.delivery().batchSize());
        } catch (RuntimeException e) {
            LOG.error("delivery round failed; the next tick tries again", e);
        }
    }

    void deliver(UUID id) {
        Delivery d = store.load(id);
        if (d == null) {
            return;
        }
        Instant started = Instant.now();
        try {
            Message message = templates.render(d.eventType, d.channel, variables(d));
            senders.get(d.channel).send(d.address, message);
            store.succeeded(id, started);
        } catch (RenderException e) {
            LOG.warnf("delivery %s (%s to %s) failed: %s", d.id, d.channel.wireName(), d.recipient, e.getMessage());
            store.failed(id, started, e.getMessage(), true);
        } catch (Exception e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.debugf("delivery %s attempt %d failed: %s", d.id, d.attempts + 1, error);
            Instant next = store.failed(id, started, error, false);
            if (next != null) {
                wakeUpAt(next);
            }
        }
    }

    /** The template variables of a delivery (see {@link Variables}). */
    Map<String, Object> variables(Delivery d) {
        List<Map<String, Object>> items;
        try {
            items = json.readValue(d.items, ITEMS);
        } catch (Exception e) {
            throw new IllegalStateException("delivery " + d.id + " has unreadable items", e);
        }
        return Variables.of(items, d.digest, config.appUrl());
    }
}
