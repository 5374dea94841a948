package org.civstart.testing;

import java.util.HashMap;
import java.util.Map;

import org.civstart.infra.PostgresServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: a real Kafka broker (KRaft, catalog topics created before the application
 * starts), a real PostgreSQL server with a database of the application's own, and the OIDC key
 * that verifies {@link TestTokens}. Use it with
 * {@code @WithTestResource(RealKafkaAndPostgres.class)} or {@code @QuarkusTestResource}; init arg
 * {@code database} names the database (default {@code app}).
 */
public class RealKafkaAndPostgres implements QuarkusTestResourceLifecycleManager {

    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(RealKafka.config());
        config.putAll(TestTokens.config());
        PostgresServer pg = Infrastructure.postgres();
        pg.createDatabase(database);
        config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl(database));
        config.put("quarkus.datasource.username", PostgresServer.USER);
        config.put("quarkus.datasource.password", "");
        return config;
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped at JVM exit
    }
}
