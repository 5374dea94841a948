package org.civstart.sync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.civstart.sync.support.Fixtures.CONTACTS;
import static org.civstart.sync.support.Fixtures.data;
import static org.civstart.sync.support.Fixtures.type;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civstart.events.EventType;
import org.civstart.events.Topic;
import org.civstart.peer.airtable.FakeAirtable;
import org.civstart.sync.support.AirtableFixture;
import org.civstart.sync.support.SyncTest;
import org.civstart.testing.EventRecorder;
import org.civstart.testing.TestTokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Admin REST for webhooks: register (Airtable's create-webhook call, the secret stored and never
 * shown or logged), list, refresh on a schedule before expiry, failed / expired webhooks surfaced
 * (REST, health, event), delete; bad input, auth and unknown ids.
 */
@SyncTest
class WebhookManagementTest extends AirtableFixture {

    @ConfigProperty(name = "civstart.sync.airtable.notification-url")
    String notificationUrl;

    @AfterEach
    void tearDown() {
        airtable.webhookLifetime(Duration.ofDays(7));
    }

    @Test
    void registeringCreatesTheWebhookAtAirtableAndStoresItsSecretWithoutEverShowingOrLoggingIt() {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(String.valueOf(r.getMessage()) + " " + Arrays.toString(r.getParameters()) + " "
                        + r.getThrown());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger.getLogger("").addHandler(capture);
        try {
            Response registered = given().auth()
                    .oauth2(TestTokens.admin())
                    .contentType(ContentType.JSON)
                    .body("{\"baseId\":\"" + base + "\",\"tableId\":\"" + CONTACTS + "\"}")
                    .when()
                    .post("/admin/airtable/webhooks")
                    .then()
                    .statusCode(201)
                    .header("Location", containsString("/admin/airtable/webhooks/"))
                    .body("baseId", equalTo(base))
                    .body("tableId", equalTo(CONTACTS))
                    .body("status", equalTo("active"))
                    .body("cursor", equalTo(1))
                    .body("expirationTime", notNullValue())
                    .body("notificationUrl", equalTo(notificationUrl))
                    .body("$", not(hasKey("macSecretBase64")))
                    .extract()
                    .response();
            String body = registered.asString();
            String id = registered.path("id");
            FakeAirtable.Hook hook = airtable.webhook(id);
            String secret = hook.macSecretBase64();

            // what Airtable was asked for
            assertThat(hook.notificationUrl).isEqualTo(notificationUrl);
            assertThat(hook.specification
                            .path("options")
                            .path("filters")
                            .path("dataTypes")
                            .toString())
                    .isEqualTo("[\"tableData\"]");
            assertThat(hook.specification
                            .path("options")
                            .path("filters")
                            .path("recordChangeScope")
                            .asText())
                    .isEqualTo(CONTACTS);
            // what we keep
            assertThat(db.count(
                            "select count(*) from airtable_webhook where id = ? and mac_secret_base64 = ?", id, secret))
                    .isEqualTo(1);
            // never shown
            assertThat(body).doesNotContain(secret);
            String list = given().auth()
                    .oauth2(TestTokens.admin())
                    .get("/admin/airtable/webhooks")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(list).contains(id).doesNotContain(secret).doesNotContain("macSecret");
            given().auth()
                    .oauth2(TestTokens.admin())
                    .get("/admin/airtable/webhooks/" + id)
                    .then()
                    .statusCode(200)
                    .body("id", equalTo(id))
                    .body(not(containsString(secret)));
            // and it verifies pings
            assertThat(airtable.ping(id)).isEqualTo(204);
            assertThat(logged).isNotEmpty().noneMatch(line -> line.contains(secret));
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
    }

    @Test
    void onlyAdminsManageWebhooks() {
        given().contentType(ContentType.JSON)
                .body("{\"baseId\":\"" + base + "\"}")
                .post("/admin/airtable/webhooks")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.forgedAdmin())
                .get("/admin/airtable/webhooks")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.expiredAdmin())
                .get("/admin/airtable/webhooks")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.startup(UUID.randomUUID()))
                .contentType(ContentType.JSON)
                .body("{\"baseId\":\"" + base + "\"}")
                .post("/admin/airtable/webhooks")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.startup(UUID.randomUUID()))
                .get("/admin/airtable/webhooks")
                .then()
                .statusCode(403);
        assertThat(airtable.requests(base)).isEmpty();
    }

    @Test
    void badRegistrationsAre400Or409Or502AndLeaveNothingBehind() {
        String admin = TestTokens.admin();
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/admin/airtable/webhooks")
                .then()
                .statusCode(400)
                .body("fields.baseId", notNullValue());
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"baseId\":\"base-1\",\"tableId\":\"contacts\"}")
                .post("/admin/airtable/webhooks")
                .then()
                .statusCode(400)
                .body("fields.baseId", containsString("Airtable base id"))
                .body("fields.tableId", containsString("Airtable table id"));
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"baseId\":\"" + base + "\",\"tableId\":\"tblNotMapped00001\"}")
                .post("/admin/airtable/webhooks")
                .then()
                .statusCode(400)
                .body("fields.tableId", containsString("not a mapped table"));
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"baseId\":")
                .post("/admin/airtable/webhooks")
                .then()
                .statusCode(400)
                .body("fields.body", notNullValue());
        // Airtable refuses: 502, nothing stored
        airtable.failNext(base, 422);
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"baseId\":\"" + base + "\"}")
                .post("/admin/airtable/webhooks")
                .then()
                .statusCode(502)
                .body("message", containsString("422"));
        assertThat(db.count("select count(*) from airtable_webhook where base_id = ?", base))
                .isZero();

        registerWebhook(CONTACTS);
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"baseId\":\"" + base + "\",\"tableId\":\"" + CONTACTS + "\"}")
                .post("/admin/airtable/webhooks")
                .then()
                .statusCode(409);
        assertThat(db.count("select count(*) from airtable_webhook where base_id = ?", base))
                .isEqualTo(1);
        assertThat(airtable.requests(base))
                .filteredOn(r -> r.method().equals("POST"))
                .hasSize(2); // the refused one and ours

        for (String path : List.of("/admin/airtable/webhooks/achNOPE", "/admin/airtable/webhooks/achNOPE/refresh")) {
            (path.endsWith("refresh")
                            ? given().auth().oauth2(admin).post(path)
                            : given().auth().oauth2(admin).get(path))
                    .then()
                    .statusCode(404)
                    .body("status", equalTo(404));
        }
        given().auth()
                .oauth2(admin)
                .delete("/admin/airtable/webhooks/achNOPE")
                .then()
                .statusCode(404);
    }

    @Test
    void theSchedulerRefreshesAWebhookBeforeItExpires() {
        airtable.webhookLifetime(Duration.ofHours(1)); // expires within the 48 h refresh window
        String id = registerWebhook(CONTACTS);
        airtable.webhookLifetime(Duration.ofDays(7));

        await().atMost(Duration.ofSeconds(15))
                .until(() -> airtable.webhook(id).refreshes >= 1
                        && airtable.webhook(id).expiration.isAfter(Instant.now().plus(Duration.ofDays(6))));
        Instant refreshedTo = airtable.webhook(id).expiration;
        await().atMost(Duration.ofSeconds(10))
                .until(() -> db.count(
                                "select count(*) from airtable_webhook where id = ? and expiration_time between ? and ? and last_refreshed_at is not null",
                                id,
                                Timestamp.from(refreshedTo.minusMillis(1)),
                                Timestamp.from(refreshedTo.plusMillis(1)))
                        == 1);
        given().auth()
                .oauth2(TestTokens.admin())
                .get("/admin/airtable/webhooks/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("active"))
                .body("lastRefreshedAt", notNullValue());
        assertThat(airtable.requests(base))
                .filteredOn(r -> r.path().endsWith("/refresh"))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    }

    @Test
    void anExpiredWebhookIsSurfacedByRestHealthAndAnEvent() {
        try (EventRecorder events = EventRecorder.on(Topic.AIRTABLE_SYNC)) {
            airtable.webhookLifetime(Duration.ofMinutes(-1)); // Airtable already disabled it
            String id = registerWebhook(CONTACTS);

            ConsumerRecord<String, String> event =
                    events.await(1, r -> id.equals(r.key())).get(0);
            assertThat(type(event)).isEqualTo(EventType.AIRTABLE_WEBHOOK_FAILED.type());
            assertThat(data(event))
                    .containsEntry("status", "expired")
                    .containsEntry("webhookId", id)
                    .containsEntry("baseId", base);
            given().auth()
                    .oauth2(TestTokens.admin())
                    .get("/admin/airtable/webhooks/" + id)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("expired"));
            given().get("/q/health/well")
                    .then()
                    .statusCode(503)
                    .body(containsString(id))
                    .body(containsString("expired"));
            assertThat(airtable.requests(base)).noneMatch(r -> r.path().endsWith("/refresh"));
        }
    }

    @Test
    void aRefreshAirtableRefusesFailsTheWebhook() {
        try (EventRecorder events = EventRecorder.on(Topic.AIRTABLE_SYNC)) {
            String id = registerWebhook(CONTACTS);
            airtable.forget(id);

            given().auth()
                    .oauth2(TestTokens.admin())
                    .post("/admin/airtable/webhooks/" + id + "/refresh")
                    .then()
                    .statusCode(502)
                    .body("message", containsString("404"));

            ConsumerRecord<String, String> event =
                    events.await(1, r -> id.equals(r.key())).get(0);
            assertThat(data(event)).containsEntry("status", "failed");
            assertThat((String) data(event).get("error")).contains("refresh refused");
            given().auth()
                    .oauth2(TestTokens.admin())
                    .get("/admin/airtable/webhooks/" + id)
                    .then()
                    .body("status", equalTo("failed"));
            given().auth()
                    .oauth2(TestTokens.admin())
                    .post("/admin/airtable/webhooks/" + id + "/refresh")
                    .then()
                    .statusCode(409);
        }
    }

    @Test
    void deletingRemovesTheWebhookAtAirtableAndHere() {
        String id = registerWebhook(CONTACTS);
        given().auth()
                .oauth2(TestTokens.admin())
                .delete("/admin/airtable/webhooks/" + id)
                .then()
                .statusCode(204);
        assertThat(airtable.has(id)).isFalse();
        given().auth()
                .oauth2(TestTokens.admin())
                .get("/admin/airtable/webhooks/" + id)
                .then()
                .statusCode(404);
        assertThat(db.count("select count(*) from airtable_webhook where id = ?", id))
                .isZero();
    }
}
