package org.civstart.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.civstart.events.EventType;
import org.civstart.testing.RealKafka;
import org.civstart.testing.TestTokens;
import org.civstart.testing.WsClient;
import org.civstart.testing.WsClient.Auth;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Who may open which socket: checked at the upgrade, over the network. */
@QuarkusTest
@WithTestResource(RealKafka.class)
class GatewayAuthTest {

    @TestHTTPResource("/admin")
    URI admin;

    @TestHTTPResource("/client")
    URI client;

    static URI ws(URI http) {
        return URI.create(http.toString().replaceFirst("^http", "ws"));
    }

    @Test
    void readyOnlyWhileConsuming() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().when()
                        .get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("UP")));
    }

    @Test
    void servesTheAsyncApiDocumentForAnalyticsTeams() {
        given().when()
                .get("/asyncapi/civstart-events.yaml")
                .then()
                .statusCode(200)
                .body(Matchers.containsString("asyncapi: 3.0.0"))
                .body(Matchers.containsString("signal.assigned"));
    }

    @Test
    void upgradesWithoutAValidTokenOfTheRightRoleAreRefused() {
        assertRefused(ws(admin), null, 401);
        assertRefused(ws(admin), "not-a-jwt", 401);
        assertRefused(ws(admin), TestTokens.forgedAdmin(), 401);
        assertRefused(ws(admin), TestTokens.expiredAdmin(), 401);
        assertRefused(ws(admin), TestTokens.startup(UUID.randomUUID()), 403);
        assertRefused(ws(client), TestTokens.admin(), 403);
        // a startup user whose token names no startup has no room to join
        assertRefused(ws(client), TestTokens.sign("lost-user", Set.of("startup"), null, Duration.ofHours(1)), 403);
    }

    private static void assertRefused(URI uri, String token, int status) {
        assertThatThrownBy(() -> WsClient.connect(uri, token, token == null ? Auth.NONE : Auth.HEADER, true))
                .isInstanceOfSatisfying(
                        WsClient.Refused.class, r -> assertThat(r.status()).isEqualTo(status));
    }

    @Test
    void theTokenTravelsAsHeaderSubprotocolOrQueryParameter() {
        for (Auth auth : new Auth[] {Auth.HEADER, Auth.SUBPROTOCOL, Auth.QUERY}) {
            UUID startup = UUID.randomUUID();
            try (WsClient c = WsClient.connect(ws(client), TestTokens.startup(startup), auth, true)) {
                assertThat(c.awaitEvent("system:welcome")
                                .path("data")
                                .path("startupId")
                                .asText())
                        .as(auth.name())
                        .isEqualTo(startup.toString());
                TestEvents.publish(
                        EventType.CREDITS_UPDATED,
                        startup.toString(),
                        startup,
                        Map.of("startupId", startup, "balance", 7));
                assertThat(c.awaitEvent("credits:updated")
                                .path("data")
                                .path("balance")
                                .asInt())
                        .isEqualTo(7);
            }
        }
    }

    @Test
    void aConnectionIsClosedWhenItsTokenExpires() {
        UUID startup = UUID.randomUUID();
        try (WsClient c = WsClient.connect(ws(client), TestTokens.startup(startup, Duration.ofSeconds(3)))) {
            c.awaitEvent("system:welcome");
            assertThat(c.awaitClose(Duration.ofSeconds(20))).isEqualTo(1008);
        }
    }
}
