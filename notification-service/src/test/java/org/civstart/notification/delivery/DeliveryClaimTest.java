package org.civstart.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.civstart.notification.RealPeers;
import org.civstart.notification.support.Peers;
import org.civstart.notification.support.ProviderServer;
import org.civstart.testing.Db;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Several senders claiming at once (as replicas do) never send one delivery twice, and a delivery
 * left "sending" by a crashed sender is taken over when its lease runs out.
 */
@QuarkusTest
@RealPeers
class DeliveryClaimTest {

    private final Db db = Db.application();

    @Inject
    DeliveryStore store;

    @Inject
    DeliveryLoop loop;

    @Test
    void concurrentClaimersSendEachDeliveryExactlyOnce() throws Exception {
        String batch = "claim-" + UUID.randomUUID();
        int count = 120;
        for (int i = 0; i < count; i++) {
            insert(batch, "+1555" + String.format("%07d", i), "pending", "now() + interval '1 hour'", null);
        }
        db.execute("update delivery set send_at = now() where recipient = ?", batch);

        // four claimers here, plus the service's own scheduled loop, all at once
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<UUID>>> claims = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            claims.add(pool.submit(() -> {
                List<UUID> mine = new ArrayList<>();
                List<UUID> claimed;
                while (!(claimed = store.claimDue()).isEmpty()) {
                    mine.addAll(claimed);
                    claimed.forEach(loop::deliver);
                }
                return mine;
            }));
        }
        List<UUID> claimedHere = new ArrayList<>();
        for (Future<List<UUID>> f : claims) {
            claimedHere.addAll(f.get());
        }
        pool.shutdown();

        assertThat(claimedHere).doesNotHaveDuplicates();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> db.count("select count(*) from delivery where recipient = ? and status = 'sent'", batch)
                        == count);
        assertThat(db.count("select count(*) from delivery where recipient = ? and attempts <> 1", batch))
                .isZero();
        assertThat(db.count(
                        "select count(*) from delivery_attempt a join delivery d on d.id = a.delivery_id where d.recipient = ?",
                        batch))
                .isEqualTo(count);
        assertThat(Peers.sms().receivedFor(batch)).hasSize(count);
        long distinctAddresses = Peers.sms().receivedFor(batch).stream()
                .map(ProviderBody::to)
                .distinct()
                .count();
        assertThat(distinctAddresses).isEqualTo(count);
        System.out.printf(
                "claim test: %d deliveries, %d claimed by the 4 test claimers, the rest by the scheduled loop%n",
                count, claimedHere.size());
    }

    @Test
    void aDeliveryWhoseSenderDiedIsTakenOverAfterItsLease() {
        String recipient = "lease-" + UUID.randomUUID();
        UUID id = insert(
                recipient, "+15550000001", "sending", "now() - interval '5 minutes'", "now() - interval '1 second'");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> db.count("select count(*) from delivery where id = ? and status = 'sent'", id) == 1);
        assertThat(Peers.sms().acceptedFor(recipient)).hasSize(1);
    }

    /** A due SMS delivery whose text carries {@code tag} (so the peer's log can be matched). */
    private UUID insert(String tag, String phone, String status, String sendAt, String leaseUntil) {
        UUID id = UUID.randomUUID();
        String items = "[{\"notificationId\":\"" + UUID.randomUUID()
                + "\",\"title\":\"t\",\"body\":\"b\",\"link\":\"/x\"," + "\"data\":{\"targetName\":\"" + tag
                + "\",\"status\":\"approved\",\"previousStatus\":\"pending\",\"note\":null}}]";
        db.execute(
                "insert into delivery (id, recipient, channel, address, event_type, digest, items, status, send_at, lease_until,"
                        + " attempts, created_at) values (?::uuid, ?, 'sms', ?, 'connection.status-changed', false, ?::jsonb, ?, "
                        + sendAt
                        + ", " + (leaseUntil == null ? "null" : leaseUntil) + ", 0, now())",
                id.toString(),
                tag,
                phone,
                items,
                status);
        return id;
    }

    /** Reads the "to" of an SMS request body. */
    private static final class ProviderBody {
        static String to(ProviderServer.Received r) {
            int i = r.body().indexOf("\"to\":\"") + 6;
            return r.body().substring(i, r.body().indexOf('"', i));
        }
    }
}
