package org.civstart.notification.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One try to send a delivery, with its outcome. */
@Entity
@Table(name = "delivery_attempt")
public class DeliveryAttempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public UUID deliveryId;
    public int number;
    public Instant startedAt;
    public Instant finishedAt;
    public boolean succeeded;
    public String error;

    public static List<DeliveryAttempt> of(UUID deliveryId) {
        return list("deliveryId = ?1 order by number", deliveryId);
    }
}
