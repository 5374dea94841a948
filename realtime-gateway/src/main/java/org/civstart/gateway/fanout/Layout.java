package org.civstart.gateway.fanout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * The topic-partitions this gateway reads, in a fixed order (catalog topic order, then partition):
 * the coordinates of a position vector. Every replica derives the same layout from Kafka's
 * metadata, and positions name partitions explicitly, so a position made by one replica means the
 * same on any other.
 */
public final class Layout {

    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, Integer> index = new HashMap<>();

    public Layout(List<TopicPartition> partitions) {
        this.partitions = List.copyOf(partitions);
        for (int i = 0; i < this.partitions.size(); i++) {
            index.put(this.partitions.get(i), i);
        }
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
