package org.civstart.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.civstart.events.EventType;
import org.civstart.testing.RealKafka;
import org.civstart.testing.TestTokens;
import org.civstart.testing.WsClient;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The gateway's small HTTP API for browsers: the token check the SDK calls after a refused
 * upgrade, the admin-only stats of the console, CORS for /api/* and the console redirect.
 * (The test profile allows the origin https://console.civstart.test.)
 */
@QuarkusTest
@WithTestResource(RealKafka.class)
class GatewayApiTest {

    private static final String ALLOWED_ORIGIN = "https://console.civstart.test";

    @TestHTTPResource("/client")
    URI client;

    private static Response tokenCheck(String endpoint, String token) {
        var request = given().redirects().follow(false);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.when().get("/api/token-check" + (endpoint == null ? "" : "?endpoint=" + endpoint));
    }

    @Test
    void tokenCheckAnswersExactlyAsTheUpgradeWould() {
        String startupToken = TestTokens.startup(UUID.randomUUID());
        tokenCheck("admin", TestTokens.admin()).then().statusCode(204);
        tokenCheck("client", startupToken).then().statusCode(204);

        tokenCheck("admin", startupToken)
                .then()
                .statusCode(403)
                .body("error", equalTo("forbidden"))
                .body("message", notNullValue());
        tokenCheck("client", TestTokens.admin()).then().statusCode(403).body("error", equalTo("forbidden"));
        String noStartup = TestTokens.sign("lost-user", Set.of("startup"), null, Duration.ofHours(1));
        tokenCheck("client", noStartup).then().statusCode(403).body("message", Matchers.containsString("startup_id"));

        tokenCheck("admin", null).then().statusCode(401).body("error", equalTo("unauthorized"));
        tokenCheck("admin", "not-a-jwt").then().statusCode(401).body("error", equalTo("unauthorized"));
        tokenCheck("admin", TestTokens.forgedAdmin()).then().statusCode(401).body("error", equalTo("unauthorized"));
        tokenCheck("admin", TestTokens.expiredAdmin()).then().statusCode(401).body("error", equalTo("unauthorized"));

        tokenCheck("root", TestTokens.admin()).then().statusCode(400).body("error", equalTo("invalid-endpoint"));
        tokenCheck(null, TestTokens.admin()).then().statusCode(400).body("error", equalTo("invalid-endpoint"));
    }

    /** The same tokens at the real upgrade: the check above never disagrees with it. */
    @Test
    void theUpgradeAgreesWithTheTokenCheck() {
        String noStartup = TestTokens.sign("lost-user", Set.of("startup"), null, Duration.ofHours(1));
        Assertions.assertThatThrownBy(() -> WsClient.connect(GatewayAuthTest.ws(client), noStartup))
                .isInstanceOfSatisfying(
                        WsClient.Refused.class,
                        r -> assertThat(r.status())
                                .isEqualTo(tokenCheck("client", noStartup).statusCode()));
    }

    @Test
    void statsAreForAdminsOnly() {
        given().when().get("/api/stats").then().statusCode(401).body("error", equalTo("unauthorized"));
        given().header("Authorization", "Bearer " + TestTokens.forgedAdmin())
                .when()
                .get("/api/stats")
                .then()
                .statusCode(401);
        given().header("Authorization", "Bearer " + TestTokens.startup(UUID.randomUUID()))
                .when()
                .get("/api/stats")
                .then()
                .statusCode(403)
                .body("error", equalTo("forbidden"));
    }

    @Test
    void statsDescribeThisReplicasTraffic() {
        UUID startup = UUID.randomUUID();
        try (WsClient s = WsClient.connect(GatewayAuthTest.ws(client), TestTokens.startup(startup))) {
            s.awaitEvent("system:welcome");
            // live at once: an event that came during the resume grace would be sent as a replay, whose
            // frames are counted but not timed (the latency percentiles below need a live delivery)
            s.send("{\"op\":\"subscribe\",\"events\":[\"credits:*\"]}");
            s.awaitEvent("system:subscribed");
            String id = TestEvents.publish(
                    EventType.CREDITS_UPDATED, startup.toString(), startup, Map.of("startupId", startup.toString()));
            s.await(f -> id.equals(f.path("id").asText()));
            String admin = TestTokens.admin();
            // rates and percentiles come from one sample a second: wait for the next one
            Awaitility.await()
                    .atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> given().header("Authorization", "Bearer " + admin)
                            .when()
                            .get("/api/stats")
                            .then()
                            .statusCode(200)
                            .body("replica", notNullValue())
                            .body("consuming", equalTo(true))
                            .body("connections.client", Matchers.greaterThanOrEqualTo(1))
                            .body("connections.admin", Matchers.greaterThanOrEqualTo(0))
                            .body("eventsInTotal", Matchers.greaterThanOrEqualTo(1))
                            .body("framesOutTotal", Matchers.greaterThanOrEqualTo(1))
                            .body("eventsInPerSecond", Matchers.greaterThan(0f))
                            .body("framesOutPerSecond", Matchers.greaterThan(0f))
                            .body("deliveryLatencyMs.p50", notNullValue())
                            .body("deliveryLatencyMs.p99", notNullValue())
                            .body("slowClientCloses", notNullValue())
                            .body("deadPeerCloses", notNullValue())
                            .body("kafkaLag", notNullValue())
                            .body("uptimeSeconds", notNullValue()));
        }
        String admin = TestTokens.admin();
        // the window moves on: with no traffic for more than 10 s the rates are 0 and latency unknown
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().header("Authorization", "Bearer " + admin)
                        .when()
                        .get("/api/stats")
                        .then()
                        .statusCode(200)
                        .body("framesOutPerSecond", equalTo(0f))
                        .body("deliveryLatencyMs.p99", nullValue()));
    }

    @Test
    void apiAnswersCrossOriginRequestsFromConfiguredOrigins() {
        // preflight
        given().header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .when()
                .options("/api/stats")
                .then()
                .statusCode(204)
                .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Allow-Headers", Matchers.containsStringIgnoringCase("authorization"));
        // answers, including refusals, carry the header so that the page can read them
        given().header("Origin", ALLOWED_ORIGIN)
                .header("Authorization", "Bearer " + TestTokens.admin())
                .when()
                .get("/api/stats")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN);
        given().header("Origin", ALLOWED_ORIGIN)
                .when()
                .get("/api/token-check?endpoint=admin")
                .then()
                .statusCode(401)
                .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN);
        given().header("Origin", ALLOWED_ORIGIN)
                .header("Authorization", "Bearer not-a-jwt")
                .when()
                .get("/api/token-check?endpoint=admin")
                .then()
                .statusCode(401)
                .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN);
        // another origin gets no CORS header: the browser keeps the answer from that page
        given().header("Origin", "https://evil.example")
                .header("Authorization", "Bearer " + TestTokens.admin())
                .when()
                .get("/api/stats")
                .then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void theConsoleRedirectsToItsDirectory() {
        given().redirects()
                .follow(false)
                .when()
                .get("/console")
                .then()
                .statusCode(302)
                .header("Location", Matchers.endsWith("/console/"));
        // the directory itself is served (or missing), never redirected to itself
        given().redirects().follow(false).when().get("/console/").then().statusCode(Matchers.not(302));
    }
}
