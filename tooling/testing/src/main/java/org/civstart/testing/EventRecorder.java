package org.civstart.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.events.Topic;

/**
 * Records what lands on Kafka topics from the moment it is created (reads every partition, no
 * consumer group), so a test asserts the exact events an operation published.
 */
public final class EventRecorder implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    private EventRecorder(Topic... topics) {
        Properties p = new Properties();
        p.put("bootstrap.servers", Infrastructure.kafka().bootstrapServers());
        p.put("enable.auto.commit", "false");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic topic : topics) {
            consumer.partitionsFor(topic.topicName())
                    .forEach(pi -> partitions.add(new TopicPartition(pi.topic(), pi.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, before the test acts
        poller = new Thread(this::poll, "event-recorder");
        poller.setDaemon(true);
        poller.start();
    }

    /** Starts recording the given topics (all catalog topics if none given). */
    public static EventRecorder on(Topic... topics) {
        return new EventRecorder(topics.length == 0 ? Topic.values() : topics);
    }

    private void poll() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    public List<ConsumerRecord<String, String>> records() {
        return List.copyOf(records);
    }

    public List<ConsumerRecord<String, String>> ofType(EventType type) {
        return records.stream()
                .filter(r -> type.type().equals(CloudEvent.header(r.headers(), CloudEvent.TYPE)))
                .toList();
    }

    public List<CloudEvent> events() {
        return records.stream().map(CloudEvent::of).toList();
    }

    /** Waits until at least {@code count} records match, and returns the matching ones. */
    public List<ConsumerRecord<String, String>> await(int count, Predicate<ConsumerRecord<String, String>> matching) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> records.stream().filter(matching).count() >= count);
        return records.stream().filter(matching).toList();
    }

    public List<ConsumerRecord<String, String>> await(int count, EventType type) {
        return await(count, r -> type.type().equals(CloudEvent.header(r.headers(), CloudEvent.TYPE)));
    }

    /** Waits until every given type was seen at least once. */
    public void awaitTypes(EventType... types) {
        Arrays.stream(types).forEach(t -> await(1, t));
    }

    public void clear() {
        records.clear();
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
