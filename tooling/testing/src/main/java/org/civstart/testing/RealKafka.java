package org.civstart.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Quarkus test resource: a real Kafka broker and the OIDC key of {@link TestTokens} (for the gateway, which owns no database). */
public class RealKafka implements QuarkusTestResourceLifecycleManager {

    static Map<String, String> config() {
        return Map.of("kafka.bootstrap.servers", Infrastructure.kafka().bootstrapServers());
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(config());
        config.putAll(TestTokens.config());
        return config;
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped at JVM exit
    }
}
