package org.civstart.gateway.feed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Events older than the feed's memory, read back from Kafka for one replay: a short-lived consumer
 * over the partitions where the cursor lies below what {@link History} holds, read up to where
 * memory takes over. Any thread; one instance per replay.
 */
public final class Backlog implements AutoCloseable {

    /** One poll's worth: per active partition, events in offset order; where finished partitions' cursors move. */
    public record Batch(List<List<GatewayEvent>> events, Map<Integer, Long> skipTo) {}

    private final Feed feed;
    private final KafkaConsumer<String, String> consumer;
    private final Map<TopicPartition, Integer> index = new HashMap<>();
    private final List<TopicPartition> active;

    private Backlog(Feed feed, KafkaConsumer<String, String> consumer, List<TopicPartition> partitions) {
        this.feed = feed;
        this.consumer = consumer;
        this.active = new ArrayList<>(partitions);
    }

    /**
     * Opens a read from {@code cursor} on the partitions {@code behind} (layout indexes).
     *
     * @return null if Kafka no longer holds an offset the cursor needs (retention): the client must resync
     */
    public static Backlog open(Feed feed, String clientId, long[] cursor, List<Integer> behind) {
        Layout layout = feed.layout();
        Properties config = feed.consumerConfig(clientId);
        // an offset that retention deletes between the check below and the fetch must fail the read
        // (then the client resyncs), not reset silently to the end or the new beginning: a gap nobody sees
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        KafkaConsumer<String, String> c =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> tps = new ArrayList<>();
        Backlog b = new Backlog(feed, c, tps);
        try {
            behind.forEach(p -> {
                tps.add(layout.partition(p));
                b.index.put(layout.partition(p), p);
            });
            Map<TopicPartition, Long> begin = c.beginningOffsets(tps);
            for (TopicPartition tp : tps) {
                if (cursor[b.index.get(tp)] < begin.get(tp)) {
                    b.close();
                    return null;
                }
            }
            c.assign(tps);
            tps.forEach(tp -> c.seek(tp, cursor[b.index.get(tp)]));
            b.active.addAll(tps);
            return b;
        } catch (RuntimeException e) {
            b.close();
            throw e;
        }
    }

    /** Whether some partition still has events below memory to read. */
    public boolean hasMore() {
        return !active.isEmpty();
    }

    /**
     * The next events below memory, per active partition, or null if Kafka no longer holds them
     * (retention deleted them since {@link #open}: the client must resync); {@code skipTo} names the
     * partitions read up to memory, and where memory begins: the cursor moves there (offsets in between
     * without a record were compacted away or are control records).
     */
    public Batch next(Duration timeout) {
        ConsumerRecords<String, String> records;
        try {
            records = consumer.poll(timeout);
        } catch (OffsetOutOfRangeException e) {
            return null;
        }
        List<List<GatewayEvent>> lists = new ArrayList<>();
        Map<Integer, Long> skipTo = new HashMap<>();
        List<TopicPartition> finished = new ArrayList<>();
        for (TopicPartition tp : active) {
            int p = index.get(tp);
            long boundary = feed.history(p).oldest();
            List<GatewayEvent> events = new ArrayList<>();
            boolean reachedMemory = false;
            for (ConsumerRecord<String, String> r : records.records(tp)) {
                if (r.offset() >= boundary) {
                    reachedMemory = true;
                    break;
                }
                events.add(feed.build(p, r));
            }
            lists.add(events);
            if (reachedMemory || consumer.position(tp) >= boundary) {
                finished.add(tp);
                // every record below memory has been read (in order, from the cursor): offsets without
                // one (compacted away) are no event, and the cursor must reach memory or it reads Kafka again
                skipTo.put(p, boundary);
            }
        }
        active.removeAll(finished);
        if (!finished.isEmpty()) {
            consumer.pause(finished);
        }
        return new Batch(lists, skipTo);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(1));
    }
}
