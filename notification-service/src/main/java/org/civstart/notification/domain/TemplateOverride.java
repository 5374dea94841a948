package org.civstart.notification.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An admin's template for one event type on one channel, used instead of the built-in one. */
@Entity
@Table(name = "template_override")
@IdClass(TemplateOverride.Key.class)
public class TemplateOverride extends PanacheEntityBase {

    @Id
    public String eventType;

    @Id
    @Enumerated(EnumType.STRING)
    public Channel channel;

    public String subject;
    public String text;
    public String html;
    public Instant updatedAt;

    /** The composite primary key. */
    public static class Key implements Serializable {
        public String eventType;
        public Channel channel;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(eventType, k.eventType) && Objects.equals(channel, k.channel);
        }

        @Override
        public int hashCode() {
            return Objects.hash(eventType, channel);
        }
    }

    public static TemplateOverride find(String eventType, Channel channel) {
        return find("eventType = ?1 and channel = ?2", eventType, channel).firstResult();
    }
}
