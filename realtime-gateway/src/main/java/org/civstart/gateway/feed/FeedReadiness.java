package org.civstart.gateway.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the feed consumes Kafka (after it read the recent past and every compacted
 * topic): a replica that cannot deliver takes no clients.
 */
@Readiness
@ApplicationScoped
public class FeedReadiness implements HealthCheck {

    @Inject
    Feed feed;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("kafka-feed")
                .status(feed.isConsuming())
                .withData("lag", feed.kafkaLag())
                .build();
    }
}
