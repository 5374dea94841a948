package org.civstart.gateway;

import java.net.URI;
import java.util.Map;

import org.civstart.testing.RealKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Isolation at the benchmark's pace ({@code benchmarks/run gateway}: 1,000 events per second): 2,000
 * random events published without waiting for each ack, so the gateway routes many events per batch
 * — shared frames, one write task per event loop and batch — to 30 startups of 4 users and 3 admins.
 * It runs with the production outbound queue and keep-alive timeouts (the other tests use small ones to
 * catch slow and dead clients quickly; an admin receiving 750 frames a second is neither).
 */
@QuarkusTest
@WithTestResource(RealKafka.class)
@TestProfile(GatewayThroughputIsolationTest.ProductionQueue.class)
class GatewayThroughputIsolationTest {

    @TestHTTPResource("/admin")
    URI admin;

    @TestHTTPResource("/client")
    URI client;

    @Test
    void roomsAndUsersStayApartAtAThousandEventsASecond() {
        new IsolationScenario(GatewayAuthTest.ws(admin), GatewayAuthTest.ws(client)).run(30, 4, 3, 2000, 1000, 7);
    }

    public static class ProductionQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // production values: the other tests shrink the queue and the keep-alive timeouts to catch slow
            // and dead clients quickly; here a test client busy with 750 frames a second is neither
            return Map.of(
                    "civstart.gateway.outbound-queue-bytes",
                    "262144",
                    "civstart.gateway.ping-interval",
                    "20s",
                    "civstart.gateway.heartbeat-interval",
                    "25s",
                    "civstart.gateway.dead-peer-timeout",
                    "75s");
        }
    }
}
