package org.civstart.notification.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.civstart.testing.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The inbox REST API as a browser calls it, with the caller's bearer token. */
public final class Inboxes {

    private Inboxes() {}

    public static JsonPath list(String token, String query) {
        return given().auth()
                .oauth2(token)
                .when()
                .get("/api/notifications" + (query == null ? "" : "?" + query))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Waits until the caller's inbox holds a notification whose link is {@code link}, and returns it. */
    public static Map<String, Object> awaitNotification(String token, String link) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> find(token, link) != null);
        return find(token, link);
    }

    public static Map<String, Object> find(String token, String link) {
        List<Map<String, Object>> items = list(token, "size=200").getList("items");
        return items.stream()
                .filter(i -> link.equals(i.get("link")))
                .findFirst()
                .orElse(null);
    }

    public static long unreadCount(String token) {
        return count(token).unreadCount();
    }

    /** The caller's count and its version, as a SPA reads them on load. */
    public record Count(long unreadCount, long version) {}

    public static Count count(String token) {
        JsonPath body = given().auth()
                .oauth2(token)
                .when()
                .get("/api/notifications/unread-count")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return new Count(body.getLong("unreadCount"), body.getLong("version"));
    }

    /** A token of one named user of a startup (several users of one startup have one inbox, each their own state). */
    public static String startupUser(String sub, UUID startupId) {
        return TestTokens.sign(sub, Set.of("startup"), startupId.toString(), Duration.ofHours(1));
    }

    public static JsonPath putPreferences(String token, Map<String, Object> body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .put("/api/notification-preferences")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
