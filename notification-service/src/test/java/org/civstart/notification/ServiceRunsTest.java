package org.civstart.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.civstart.testing.RunningServiceContract;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The service starts against real Kafka and PostgreSQL: migrated, healthy, measured, documented. */
@QuarkusTest
@RealPeers
class ServiceRunsTest extends RunningServiceContract {

    @Override
    protected String serviceName() {
        return "notification-service";
    }

    /**
     * NotificationConfig's defaults are the only ones written: the expressions that name a setting (the
     * delivery loop's {@code @Scheduled}, the providers' {@code Authorization} headers) see them too.
     */
    @Test
    void settingsNamedInExpressionsHaveNotificationConfigsDefaults() {
        assertThat(ConfigProvider.getConfig().getValue("civstart.notification.delivery.poll-interval", String.class))
                .isEqualTo("1s");
        assertThat(ConfigProvider.getConfig().getValue("civstart.notification.delivery.lease", String.class))
                .isEqualTo("2m");
        assertThat(ConfigProvider.getConfig().getValue("civstart.notification.delivery.max-attempts", int.class))
                .as("the test profile's own")
                .isEqualTo(3);
    }
}
