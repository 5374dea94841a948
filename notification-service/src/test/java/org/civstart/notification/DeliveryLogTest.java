package org.civstart.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.UUID;

import org.civstart.events.EventType;
import org.civstart.events.payload.AssignmentData;
import org.civstart.notification.support.Deliveries;
import org.civstart.notification.support.DomainEvents;
import org.civstart.notification.support.Inboxes;
import org.civstart.notification.support.Peers;
import org.civstart.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Staff read the deliveries: filtered by recipient, status and channel, or one by id with every attempt. */
@QuarkusTest
@RealPeers
class DeliveryLogTest {

    @Test
    void staffFilterTheDeliveriesAndReadOneWithItsAttempts() {
        UUID startup = UUID.randomUUID();
        String recipient = "startup:" + startup;
        String pushToken = "push-" + startup;
        Inboxes.putPreferences(
                TestTokens.startup(startup), Map.of("email", "log-" + startup + "@acme.test", "pushToken", pushToken));
        for (int i = 0; i < 3; i++) {
            Peers.push().script(pushToken, 503, 0);
        }
        AssignmentData a = DomainEvents.assignment(startup, "SIG-LOG1", "pending");
        DomainEvents.send(EventType.ASSIGNMENT_CREATED, a.assignmentId(), startup, a);
        Object email = Deliveries.awaitStatus(recipient, "email", "sent").get("id");
        Object push = Deliveries.awaitStatus(recipient, "push", "failed").get("id");

        staff().queryParam("recipient", recipient)
                .queryParam("status", "failed")
                .get("/api/notification-deliveries")
                .then()
                .statusCode(200)
                .body("id", contains(push));
        staff().queryParam("recipient", recipient)
                .queryParam("channel", "email")
                .get("/api/notification-deliveries")
                .then()
                .statusCode(200)
                .body("id", contains(email));
        staff().queryParam("recipient", recipient)
                .queryParam("status", "sent")
                .queryParam("channel", "push")
                .get("/api/notification-deliveries")
                .then()
                .statusCode(200)
                .body("$", empty());

        staff().get("/api/notification-deliveries/{id}", push)
                .then()
                .statusCode(200)
                .body("recipient", equalTo(recipient))
                .body("channel", equalTo("push"))
                .body("status", equalTo("failed"))
                .body("items", equalTo(1))
                .body("attemptLog.number", contains(1, 2, 3))
                .body("attemptLog.succeeded", contains(false, false, false));
    }

    @Test
    void anUnknownDeliveryIs404AndAnUnknownFilter400() {
        UUID missing = UUID.randomUUID();
        staff().get("/api/notification-deliveries/{id}", missing)
                .then()
                .statusCode(404)
                .body("message", equalTo("delivery " + missing + " not found"));
        staff().queryParam("status", "lost")
                .get("/api/notification-deliveries")
                .then()
                .statusCode(400)
                .body("fields.status", startsWith("must be one of pending"));
        staff().queryParam("channel", "fax")
                .get("/api/notification-deliveries")
                .then()
                .statusCode(400)
                .body("fields.channel", equalTo("must be one of in_app, email, sms, push"));
        // reading is lenient: any case, '-' for '_' (in-app has no deliveries)
        staff().queryParam("channel", "In-App")
                .get("/api/notification-deliveries")
                .then()
                .statusCode(200)
                .body("$", empty());
    }

    private static RequestSpecification staff() {
        return given().auth().oauth2(TestTokens.admin());
    }
}
