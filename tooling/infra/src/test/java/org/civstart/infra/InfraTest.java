package org.civstart.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.civstart.events.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real servers start, answer their protocols, and keep data across a restart when asked to. */
class InfraTest {

    @Test
    void kafkaBrokerCreatesCatalogTopicsAndStoresRecords() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.startTemporary()) {
            kafka.createCatalogTopics(3, Map.of());
            try (var admin = kafka.admin()) {
                assertThat(admin.listTopics().names().get())
                        .contains(Topic.SIGNALS.topicName(), Topic.AIRTABLE_SYNC.topicName());
            }
            Properties p = new Properties();
            p.put("bootstrap.servers", kafka.bootstrapServers());
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("signals", 0, "k", "v")).get();
            }
            try (KafkaConsumer<String, String> consumer =
                    new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
                TopicPartition tp = new TopicPartition("signals", 0);
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                List<ConsumerRecord<String, String>> got =
                        consumer.poll(Duration.ofSeconds(10)).records(tp);
                assertThat(got).extracting(ConsumerRecord::value).containsExactly("v");
            }
        }
    }

    @Test
    void postgresServerCreatesDatabasesAndKeepsData(@TempDir Path dir) throws Exception {
        int port;
        try (PostgresServer pg = PostgresServer.start(dir, 0)) {
            port = pg.port();
            pg.createDatabase("signal_service");
            pg.createDatabase("signal_service");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("signal_service"), PostgresServer.USER, "")) {
                c.createStatement().execute("create table t(x int); insert into t values (42)");
            }
        }
        try (PostgresServer pg = PostgresServer.start(dir, port);
                Connection c = DriverManager.getConnection(pg.jdbcUrl("signal_service"), PostgresServer.USER, "");
                ResultSet rs = c.createStatement().executeQuery("select x from t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }
}
