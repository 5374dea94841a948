package org.civstart.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.civstart.gateway.session.Endpoint;
import org.civstart.gateway.session.Session;
import org.junit.jupiter.api.Test;

/** The one audience rule: what live delivery walks through the indexes is exactly what replay checks one by one. */
class RecipientsTest {

    private static Session session(Endpoint endpoint, String startup, String user) {
        return new Session(endpoint, startup, user, 0, (code, reason) -> {}, null, 1, s -> {}, () -> {});
    }

    @Test
    void readsTheAudienceHeaders() {
        Session admin = session(Endpoint.ADMIN, null, "ada");
        Session alice = session(Endpoint.CLIENT, "s1", "alice");
        Session bob = session(Endpoint.CLIENT, "s1", "bob");
        Session carol = session(Endpoint.CLIENT, "s2", "carol");

        Recipients roomAndAdmins = Recipients.of("admin,startup", "s1", null);
        assertThat(List.of(admin, alice, bob, carol))
                .filteredOn(roomAndAdmins::includes)
                .containsExactly(admin, alice, bob);
        Recipients everyStartup = Recipients.of("startups", null, null);
        assertThat(List.of(admin, alice, bob, carol))
                .filteredOn(everyStartup::includes)
                .containsExactly(alice, bob, carol);
        Recipients justAlice = Recipients.of("user", "s1", "alice");
        assertThat(List.of(admin, alice, bob, carol))
                .filteredOn(justAlice::includes)
                .containsExactly(alice);
        Recipients justAda = Recipients.of(" user ", null, "ada");
        assertThat(List.of(admin, alice, bob, carol))
                .filteredOn(justAda::includes)
                .containsExactly(admin);
    }

    @Test
    void aTokenWithoutTheHeaderItNeedsReachesNoOne() {
        Session alice = session(Endpoint.CLIENT, "s1", "alice");
        assertThat(Recipients.of("startup", null, null).includes(alice)).isFalse();
        assertThat(Recipients.of("user", "s1", null).includes(alice)).isFalse();
        assertThat(Recipients.of("user", "s1", "").includes(alice)).isFalse();
        assertThat(Recipients.of(null, "s1", "alice").includes(alice)).isFalse();
        assertThat(Recipients.of("someone-new", "s1", "alice").includes(alice)).isFalse();
        // the user token names a user, not a room: a startup's other users are not included
        assertThat(Recipients.of("user", "s1", "bob").includes(alice)).isFalse();
    }

    @Test
    void liveDeliveryReachesExactlyWhomReplayIncludesEachOnce() {
        Random random = new Random(7);
        String[] startups = {"s1", "s2", "s3"};
        String[] users = {"u1", "u2", "u3", "u4", "admin-1", "admin-2"};
        for (int round = 0; round < 500; round++) {
            RoutingTables tables = new RoutingTables();
            List<Subscription> sessions = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                boolean admin = random.nextInt(4) == 0;
                Subscription s = new Subscription(
                        session(
                                admin ? Endpoint.ADMIN : Endpoint.CLIENT,
                                admin ? null : startups[random.nextInt(startups.length)],
                                users[random.nextInt(users.length)]),
                        null);
                sessions.add(s);
                tables.add(s);
            }
            // some leave again
            for (int i = 0; i < 3; i++) {
                tables.remove(sessions.remove(random.nextInt(sessions.size())));
            }
            List<String> tokens = new ArrayList<>(List.of("admin", "startup", "startups", "user"));
            StringBuilder header = new StringBuilder();
            for (String t : tokens) {
                if (random.nextBoolean()) {
                    header.append(header.length() == 0 ? "" : ",").append(t);
                }
            }
            Recipients r = Recipients.of(
                    header.toString(),
                    random.nextBoolean() ? startups[random.nextInt(3)] : null,
                    random.nextBoolean() ? users[random.nextInt(users.length)] : null);

            List<Subscription> live = new ArrayList<>();
            tables.forEachRecipient(r, live::add);
            Set<Subscription> replay = new HashSet<>();
            sessions.stream().filter(s -> r.includes(s.session())).forEach(replay::add);
            assertThat(live).as("%s over %s", r, sessions).doesNotHaveDuplicates();
            assertThat(new HashSet<>(live)).as("%s", r).isEqualTo(replay);
        }
    }
}
