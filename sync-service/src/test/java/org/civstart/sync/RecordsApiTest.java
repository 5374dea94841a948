package org.civstart.sync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.civstart.sync.support.Fixtures.CONTACTS;
import static org.civstart.sync.support.Fixtures.INTERACTIONS;
import static org.civstart.sync.support.Fixtures.ORGANIZATIONS;
import static org.civstart.sync.support.Fixtures.SIGNALS;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.civstart.sync.support.AirtableFixture;
import org.civstart.sync.support.SyncTest;
import org.civstart.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.specification.RequestSpecification;

/**
 * The mirror is readable: paged, filterable lists of organizations, contacts, interactions and the
 * raw signal / startup records, for admins only, with 400s that name the bad parameter. Each test
 * mirrors its own base (the records of other tests are filtered out by baseId).
 */
@SyncTest
class RecordsApiTest extends AirtableFixture {

    String webhook;

    @BeforeEach
    void setUp() {
        webhook = registerWebhook(null); // every table of the base
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin());
    }

    private void mirror(int records) {
        assertThat(airtable.ping(webhook)).isEqualTo(204);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> db.count("select count(*) from airtable_record where base_id = ?", base) == records);
    }

    @Test
    void organizationsContactsAndInteractionsArePagedAndFiltered() {
        String austin = airtable.create(
                base,
                ORGANIZATIONS,
                Map.of("fldOrgName", "City of Austin", "fldOrgSector", Map.of("name", "Local government")));
        String doe = airtable.create(
                base,
                ORGANIZATIONS,
                Map.of("fldOrgName", "Department of Energy", "fldOrgSector", Map.of("name", "Energy")));
        airtable.create(base, ORGANIZATIONS, Map.of("fldOrgName", "FEMA", "fldOrgSector", Map.of("name", "Emergency")));
        String dana = airtable.create(
                base, CONTACTS, Map.of("fldContactName", "Dana Ruiz", "fldContactOrg", List.of(Map.of("id", austin))));
        airtable.create(
                base, CONTACTS, Map.of("fldContactName", "Sam Okafor", "fldContactOrg", List.of(Map.of("id", doe))));
        airtable.create(
                base,
                INTERACTIONS,
                Map.of(
                        "fldIntContact",
                        List.of(Map.of("id", dana)),
                        "fldIntOrg",
                        List.of(Map.of("id", austin)),
                        "fldIntType",
                        Map.of("name", "Call"),
                        "fldIntDate",
                        "2026-11-02"));
        mirror(6);

        admin().queryParam("baseId", base)
                .get("/admin/airtable/records/organizations")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("page", equalTo(0))
                .body("size", equalTo(20))
                .body("items.fields.name", containsInAnyOrder("City of Austin", "Department of Energy", "FEMA"))
                .body("items[0].kind", equalTo("organization"))
                .body("items[0].baseId", equalTo(base))
                .body("items[0].version", equalTo(0));
        admin().queryParam("baseId", base)
                .queryParam("size", 2)
                .queryParam("page", 1)
                .get("/admin/airtable/records/organizations")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("items", hasSize(1));
        // text search looks at every field's value, case-insensitively
        admin().queryParam("baseId", base)
                .queryParam("q", "austin")
                .get("/admin/airtable/records/organizations")
                .then()
                .body("items.recordId", contains(austin));
        // any field of the kind is a filter: the contacts of one organization, its interactions
        admin().queryParam("baseId", base)
                .queryParam("organization", austin)
                .get("/admin/airtable/records/contacts")
                .then()
                .body("total", equalTo(1))
                .body("items[0].fields.name", equalTo("Dana Ruiz"));
        admin().queryParam("baseId", base)
                .queryParam("contact", dana)
                .queryParam("type", "Call")
                .get("/admin/airtable/records/interactions")
                .then()
                .body("total", equalTo(1))
                .body("items[0].fields.date", equalTo("2026-11-02"));
        // refetch what changed since a moment: nothing after now
        admin().queryParam("baseId", base)
                .queryParam("updatedSince", Instant.now().plusSeconds(60).toString())
                .get("/admin/airtable/records/organizations")
                .then()
                .body("total", equalTo(0));

        admin().get("/admin/airtable/records/contacts/" + dana)
                .then()
                .statusCode(200)
                .body("fields.organization", equalTo(austin));
        admin().get("/admin/airtable/records/organizations/" + dana).then().statusCode(404);
        admin().get("/admin/airtable/records/contacts/recNOSUCHRECORD00").then().statusCode(404);
    }

    @Test
    void theRawSignalAndStartupRecordsAreThereToo() {
        String flood = airtable.create(
                base,
                SIGNALS,
                Map.of(
                        "fldSigTitle",
                        "Flood sensors",
                        "fldSigSectors",
                        List.of(Map.of("name", "Climate"), Map.of("name", "IoT")),
                        "fldSigPoolCost",
                        5.0));
        airtable.create(
                base,
                SIGNALS,
                Map.of("fldSigTitle", "Grid storage", "fldSigSectors", List.of(Map.of("name", "Energy"))));
        mirror(2);
        airtable.update(base, SIGNALS, flood, Map.of("fldSigTitle", "Flood sensors, phase 2"));
        assertThat(airtable.ping(webhook)).isEqualTo(204);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> db.count(
                                "select count(*) from airtable_record where record_id = ? and fields ->> 'title' = 'Flood sensors, phase 2'",
                                flood)
                        == 1);

        // a list field matches when it contains the value; the newest change comes first
        admin().queryParam("baseId", base)
                .queryParam("sectors", "IoT")
                .get("/admin/airtable/records/signals")
                .then()
                .body("items.recordId", contains(flood))
                .body("items[0].fields.poolCost", equalTo(5))
                .body("items[0].version", equalTo(1));
        admin().queryParam("baseId", base)
                .get("/admin/airtable/records/signals")
                .then()
                .body("items[0].recordId", equalTo(flood));
        admin().queryParam("baseId", base)
                .get("/admin/airtable/records/startups")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void badParametersAre400NamingThemAndOnlyAdminsRead() {
        admin().get("/admin/airtable/records/planets")
                .then()
                .statusCode(400)
                .body("fields.kind", containsString("organizations, contacts, signals, startups, interactions"));
        admin().queryParam("size", 0)
                .get("/admin/airtable/records/organizations")
                .then()
                .statusCode(400)
                .body("fields.size", containsString("between"));
        admin().queryParam("page", -1)
                .get("/admin/airtable/records/organizations")
                .then()
                .statusCode(400)
                .body("fields.page", containsString("0 or more"));
        admin().queryParam("updatedSince", "yesterday")
                .get("/admin/airtable/records/organizations")
                .then()
                .statusCode(400)
                .body("fields.updatedSince", containsString("ISO-8601"));
        admin().queryParam("colour", "red")
                .get("/admin/airtable/records/organizations")
                .then()
                .statusCode(400)
                .body("fields.colour", containsString("is not a filter of organizations"));
        admin().queryParam("baseId", "nope")
                .get("/admin/airtable/records/organizations")
                .then()
                .statusCode(400)
                .body("fields.baseId", containsString("base id"));

        given().get("/admin/airtable/records/organizations").then().statusCode(401);
        given().auth()
                .oauth2(TestTokens.startup(UUID.randomUUID()))
                .get("/admin/airtable/records/organizations")
                .then()
                .statusCode(403);
    }
}
