package org.civstart.notification.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.civstart.testing.TestTokens;

/** The deliveries of one recipient, as staff see them over REST. */
public final class Deliveries {

    private Deliveries() {}

    public static List<Map<String, Object>> of(String recipient) {
        return given().auth()
                .oauth2(TestTokens.admin())
                .queryParam("recipient", recipient)
                .queryParam("size", 500)
                .get("/api/notification-deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    /** Waits until the recipient has a delivery on {@code channel} matching {@code condition}, and returns it. */
    public static Map<String, Object> await(
            String recipient, String channel, Predicate<Map<String, Object>> condition) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> find(recipient, channel, condition) != null);
        return find(recipient, channel, condition);
    }

    public static Map<String, Object> awaitStatus(String recipient, String channel, String status) {
        return await(recipient, channel, d -> status.equals(d.get("status")));
    }

    private static Map<String, Object> find(
            String recipient, String channel, Predicate<Map<String, Object>> condition) {
        return of(recipient).stream()
                .filter(d -> channel.equals(d.get("channel")))
                .filter(condition)
                .findFirst()
                .orElse(null);
    }
}
