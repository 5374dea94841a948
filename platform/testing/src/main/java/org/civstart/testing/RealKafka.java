package org.civstart.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Quarkus test resource: a real Kafka broker only (for the gateway, which owns no database). */
public class RealKafka implements QuarkusTestResourceLifecycleManager {

    static Map<String, String> config() {
        return Map.of("kafka.bootstrap.servers", Infrastructure.kafka().bootstrapServers());
    }

    @Override
    public Map<String, String> start() {
        return config();
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped at JVM exit
    }
}
