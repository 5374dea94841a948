package org.civstart.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The realm import parses strictly as Keycloak's own realm representation (an unknown or misspelt
 * key fails) and gives the services what they rely on: realm roles admin and startup in
 * realm_access.roles, claim startup_id from a user attribute that only admins may change.
 */
class KeycloakRealmTest {

    private static final ObjectMapper STRICT =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static RealmRepresentation realm;
    static JsonNode configMap;

    @BeforeAll
    static void load() throws Exception {
        for (String overlay : Overlays.NAMES) {
            assertThat(Overlays.get(overlay, "ConfigMap", "civstart-realm")
                            .path("metadata")
                            .path("namespace")
                            .asText())
                    .as("the realm sits beside Keycloak")
                    .isEqualTo("keycloak");
        }
        configMap = Overlays.get("prod", "ConfigMap", "civstart-realm");
        assertThat(ManifestValidator.validate(configMap)).isEmpty();
        realm = STRICT.readValue(
                configMap.path("data").path("civstart-realm.json").asText(), RealmRepresentation.class);
    }

    @Test
    void realmRolesAdminAndStartup() {
        assertThat(realm.getRealm()).isEqualTo("civstart");
        assertThat(realm.isEnabled()).isTrue();
        assertThat(realm.getRoles().getRealm())
                .extracting(RoleRepresentation::getName)
                .containsExactlyInAnyOrder("admin", "startup");
        // no clientScopes in the import: Keycloak then creates its defaults, among them "roles",
        // which puts the realm roles into realm_access.roles (read by quarkus-oidc)
        assertThat(realm.getClientScopes()).isNull();
        assertThat(realm.getDefaultDefaultClientScopes()).isNull();
    }

    @Test
    void bothClientsMapTheStartupIdAttributeIntoTheAccessToken() {
        assertThat(realm.getClients())
                .extracting(ClientRepresentation::getClientId)
                .containsExactlyInAnyOrder("civstart-spa", "civstart-automation");
        for (ClientRepresentation client : realm.getClients()) {
            assertThat(client.getProtocolMappers())
                    .as(client.getClientId())
                    .filteredOn(m -> "startup_id".equals(m.getConfig().get("claim.name")))
                    .singleElement()
                    .satisfies(m -> {
                        assertThat(m.getProtocol()).isEqualTo("openid-connect");
                        assertThat(m.getProtocolMapper()).isEqualTo("oidc-usermodel-attribute-mapper");
                        assertThat(m.getConfig())
                                .containsEntry("user.attribute", "startup_id")
                                .containsEntry("access.token.claim", "true")
                                .containsEntry("jsonType.label", "String");
                    });
        }
    }

    @Test
    void theSpaIsAPublicPkceClientAndAutomationAConfidentialServiceAccount() {
        ClientRepresentation spa = client("civstart-spa");
        assertThat(spa.isPublicClient()).isTrue();
        assertThat(spa.isStandardFlowEnabled()).isTrue();
        assertThat(spa.isImplicitFlowEnabled()).isFalse();
        assertThat(spa.isDirectAccessGrantsEnabled()).isFalse();
        assertThat(spa.getAttributes()).containsEntry("pkce.code.challenge.method", "S256");
        assertThat(spa.getRedirectUris())
                .isNotEmpty()
                .allSatisfy(u -> assertThat(u).startsWith("https://").isNotEqualTo("*"));

        ClientRepresentation automation = client("civstart-automation");
        assertThat(automation.isPublicClient()).isFalse();
        assertThat(automation.isServiceAccountsEnabled()).isTrue();
        assertThat(automation.isStandardFlowEnabled()).isFalse();
        assertThat(automation.getSecret()).as("never a literal secret in git").matches("\\$\\{[A-Z_]+}");
        assertThat(realm.getUsers())
                .filteredOn(u -> "civstart-automation".equals(u.getServiceAccountClientId()))
                .singleElement()
                .satisfies(u -> assertThat(u.getRealmRoles()).contains("admin"));
    }

    @Test
    void onlyAdminsMayChangeAUsersStartupId() throws Exception {
        var providers = realm.getComponents().get("org.keycloak.userprofile.UserProfileProvider");
        assertThat(providers).hasSize(1);
        String upConfig = providers.get(0).getConfig().getFirst("kc.user.profile.config");
        JsonNode profile = new ObjectMapper().readTree(upConfig);
        JsonNode startupId = null;
        for (JsonNode a : profile.path("attributes")) {
            if (a.path("name").asText().equals("startup_id")) {
                startupId = a;
            }
        }
        assertThat(startupId)
                .as("startup_id is a declared user-profile attribute (Keycloak 24+ drops undeclared ones)")
                .isNotNull();
        assertThat(startupId.path("permissions").path("edit").toString()).isEqualTo("[\"admin\"]");
        String uuid =
                startupId.path("validations").path("pattern").path("pattern").asText();
        assertThat("3f2c6f4e-8c1d-4a7b-9e2f-0d1c2b3a4f5e").matches(uuid);
        assertThat("not-a-uuid").doesNotMatch(uuid);
        assertThat(List.of("username", "email", "firstName", "lastName"))
                .allSatisfy(name ->
                        assertThat(profile.path("attributes").toString()).contains("\"name\":\"" + name + "\""));
    }

    private static ClientRepresentation client(String id) {
        return realm.getClients().stream()
                .filter(c -> id.equals(c.getClientId()))
                .findFirst()
                .orElseThrow();
    }
}
