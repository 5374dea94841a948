package org.civstart.notification.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.civstart.rest.NotFoundException;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One message on one external channel to one address. {@code items} is a JSON array of the
 * notifications it carries (one; several for a digest), each with the payload the template renders.
 */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID notificationId;
    public String recipient;

    @Enumerated(EnumType.STRING)
    public Channel channel;

    public String address;
    public String eventType;
    public boolean digest;

    @JdbcTypeCode(SqlTypes.JSON)
    public String items;

    @Enumerated(EnumType.STRING)
    public DeliveryStatus status;

    public Instant sendAt;
    public Instant leaseUntil;
    public int attempts;
    public String lastError;
    public Instant createdAt;
    public Instant completedAt;

    /** The delivery with this id; a {@link NotFoundException} (404) when there is none. */
    public static Delivery require(UUID id) {
        return Delivery.<Delivery>findByIdOptional(id).orElseThrow(() -> new NotFoundException("delivery", id));
    }
}
