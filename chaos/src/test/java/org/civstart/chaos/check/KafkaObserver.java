package org.civstart.chaos.check;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.civstart.events.CloudEvent;

/**
 * Reads every partition of some topics from the moment it is created, with no consumer group, and
 * keeps each record: the outside view of what the platform published. It rides out a broker
 * restart like any Kafka client (it reconnects and goes on from its positions).
 */
public final class KafkaObserver implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<Observed> records = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    public KafkaObserver(String bootstrapServers, String... topics) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "2000");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(pi -> partitions.add(new TopicPartition(pi.topic(), pi.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        poller = new Thread(this::poll, "kafka-observer");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    Map<String, String> headers = new HashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
                    }
                    records.add(new Observed(
                            r.topic(),
                            r.partition(),
                            r.offset(),
                            r.key(),
                            headers.get(CloudEvent.ID),
                            headers.get(CloudEvent.TYPE),
                            headers,
                            r.value()));
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    public List<Observed> records() {
        return List.copyOf(records);
    }

    public List<Observed> records(String topic) {
        return records.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    public int size() {
        return records.size();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
