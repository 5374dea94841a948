package org.civstart.gateway.feed;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.civstart.events.Topic;

/**
 * The resume token: for every partition, the offset of the next event the client has not been
 * offered yet. Derived from Kafka offsets only, so it is valid on every gateway replica.
 *
 * <p>Wire form: base64url of {@code version, count, (topicOrdinal * 256 + partition, offset)*} as
 * unsigned varints; partitions at offset 0 are left out (a missing partition means "from its
 * beginning", which is also right for a partition added after the token was made).
 */
public final class Position {

    private static final int VERSION = 1;

    private Position() {}

    public static String encode(Layout layout, long[] next) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 + next.length * 5);
        writeVarint(out, VERSION);
        int count = 0;
        for (long offset : next) {
            if (offset > 0) {
                count++;
            }
        }
        writeVarint(out, count);
        for (int i = 0; i < next.length; i++) {
            if (next[i] > 0) {
                writeVarint(out, layout.positionKey(i));
                writeVarint(out, next[i]);
            }
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    /**
     * @return next offset per partition named in the token
     * @throws IllegalArgumentException if the token is not a position
     */
    public static Map<TopicPartition, Long> decode(String token) {
        if (token == null || token.isEmpty() || token.length() > 4096) {
            throw new IllegalArgumentException("position missing or too long");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(Base64.getUrlDecoder().decode(token));
            if (readVarint(in) != VERSION) {
                throw new IllegalArgumentException("unknown position version");
            }
            long count = readVarint(in);
            if (count > 100_000) {
                throw new IllegalArgumentException("position too large");
            }
            Map<TopicPartition, Long> offsets = new HashMap<>();
            for (long i = 0; i < count; i++) {
                long key = readVarint(in);
                long offset = readVarint(in);
                int topicOrdinal = (int) (key / 256);
                if (topicOrdinal >= Topic.values().length) {
                    continue; // a topic this gateway does not know (newer catalog): nothing to resume there
                }
                offsets.put(new TopicPartition(Topic.values()[topicOrdinal].topicName(), (int) (key % 256)), offset);
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes");
            }
            return offsets;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid position: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid position", e);
        }
    }

    /** Whether {@code token} is a position this gateway can read. */
    public static boolean isValid(String token) {
        try {
            decode(token);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The decoded token laid out on this gateway's partitions (0 where the token names none). */
    public static long[] toVector(Layout layout, Map<TopicPartition, Long> offsets) {
        long[] v = new long[layout.size()];
        offsets.forEach((tp, offset) -> {
            int i = layout.indexOf(tp);
            if (i >= 0) {
                v[i] = offset;
            }
        });
        return v;
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static long readVarint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }
}
