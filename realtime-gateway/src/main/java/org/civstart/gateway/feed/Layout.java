package org.civstart.gateway.feed;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.civstart.events.Topic;

/**
 * The topic-partitions this gateway reads, in a fixed order (catalog topic order, then partition):
 * the coordinates of a position vector. Every replica derives the same layout from Kafka's
 * metadata, and positions name partitions explicitly, so a position made by one replica means the
 * same on any other.
 */
public final class Layout {

    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, Integer> index = new HashMap<>();
    /** Each partition's key in a position token: catalog topic ordinal * 256 + partition. */
    private final long[] positionKeys;

    private final Topic[] topics;

    public Layout(List<TopicPartition> partitions) {
        this.partitions = List.copyOf(partitions);
        this.positionKeys = new long[this.partitions.size()];
        this.topics = new Topic[this.partitions.size()];
        for (int i = 0; i < this.partitions.size(); i++) {
            TopicPartition tp = this.partitions.get(i);
            index.put(tp, i);
            topics[i] = Topic.ofName(tp.topic());
            positionKeys[i] = topics[i].ordinal() * 256L + tp.partition();
        }
    }

    public long positionKey(int i) {
        return positionKeys[i];
    }

    /** The catalog topic of partition {@code i}. */
    public Topic topic(int i) {
        return topics[i];
    }

    public int size() {
        return partitions.size();
    }

    public TopicPartition partition(int i) {
        return partitions.get(i);
    }

    public List<TopicPartition> partitions() {
        return partitions;
    }

    /** The index of a partition, or -1 if this gateway does not read it. */
    public int indexOf(TopicPartition tp) {
        Integer i = index.get(tp);
        return i == null ? -1 : i;
    }
}
