package org.civstart.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the relay thread runs; reports whether this replica is the publishing leader. */
@Liveness
@ApplicationScoped
public class OutboxRelayHealth implements HealthCheck {

    @Inject
    OutboxRelayService service;

    @Override
    public HealthCheckResponse call() {
        OutboxRelay relay = service.relay();
        if (relay == null) {
            return HealthCheckResponse.named("outbox-relay")
                    .up()
                    .withData("enabled", false)
                    .build();
        }
        return HealthCheckResponse.named("outbox-relay")
                .status(relay.isRunning())
                .withData("leader", relay.isLeader())
                .withData("published", relay.published())
                .build();
    }
}
