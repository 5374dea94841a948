package org.civstart.gateway.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.civstart.events.Topic;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Reads every partition of every catalog topic, without a consumer group: each gateway replica
 * sees every event itself, so replicas need no coordination and no sticky sessions.
 */
@ApplicationScoped
public class KafkaFeed {

    private static final Logger LOG = Logger.getLogger(KafkaFeed.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaConsumer<String, String> consumer;
    private Thread thread;
    private volatile boolean running;
    private volatile boolean consuming;
    private final AtomicLong received = new AtomicLong();

    void start(@Observes StartupEvent ignored) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "realtime-gateway-feed");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        running = true;
        thread = new Thread(this::run, "kafka-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic topic : Topic.values()) {
                consumer.partitionsFor(topic.topicName(), Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            consuming = true;
            LOG.infof("consuming %d partitions", partitions.size());
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    received.incrementAndGet();
                }
            }
        } catch (WakeupException e) {
            // shutting down
        } catch (Exception e) {
            LOG.error("Kafka feed stopped", e);
        } finally {
            consuming = false;
            consumer.close();
        }
    }

    public boolean isConsuming() {
        return consuming;
    }

    public long received() {
        return received.get();
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
    }
}
