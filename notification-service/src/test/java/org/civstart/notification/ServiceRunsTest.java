package org.civstart.notification;

import org.civstart.testing.RunningServiceContract;

import io.quarkus.test.junit.QuarkusTest;

/** The service starts against real Kafka and PostgreSQL: migrated, healthy, measured, documented. */
@QuarkusTest
@RealPeers
class ServiceRunsTest extends RunningServiceContract {

    @Override
    protected String serviceName() {
        return "notification-service";
    }
}
