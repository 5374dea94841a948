package org.civstart.gateway.fanout;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the feed consumes Kafka: a replica that cannot deliver takes no clients. */
@Readiness
@ApplicationScoped
public class FeedReadiness implements HealthCheck {

    @Inject
    Feed feed;

    @Inject
    Fanout fanout;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("kafka-feed").status(feed.isConsuming())
                .withData("connections", fanout.sessionCount()).build();
    }
}
