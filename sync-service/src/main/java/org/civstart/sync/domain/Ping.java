package org.civstart.sync.domain;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A verified notification ping, kept until the payloads it announced are applied. */
@Entity
@Table(name = "airtable_ping")
public class Ping extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String webhookId;
    public Instant receivedAt;
    public String body;
}
