package org.civstart.signal.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.civstart.rest.NotFoundException;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A startup asks to be connected with an organization or contact (Airtable ids). */
@Entity
@Table(name = "connection_request")
public class ConnectionRequest extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID startupId;

    @Enumerated(EnumType.STRING)
    public TargetType targetType;

    public String targetId;
    public String targetName;
    public String note;

    @Enumerated(EnumType.STRING)
    public ConnectionStatus status;

    public Instant createdAt;
    public Instant updatedAt;

    @Version
    public long version;

    /** The connection with this id; a {@link NotFoundException} (404) when there is none. */
    public static ConnectionRequest require(UUID id) {
        return ConnectionRequest.<ConnectionRequest>findByIdOptional(id)
                .orElseThrow(() -> new NotFoundException("connection", id));
    }
}
