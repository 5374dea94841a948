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

/** A startup asks CivStart for an introduction to a person. */
@Entity
@Table(name = "contact_request")
public class ContactRequest extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID startupId;
    public String contactName;
    public String organizationName;
    public String message;

    @Enumerated(EnumType.STRING)
    public ContactRequestStatus status;

    public Instant createdAt;
    public Instant updatedAt;

    @Version
    public long version;

    /** The contact request with this id; a {@link NotFoundException} (404) when there is none. */
    public static ContactRequest require(UUID id) {
        return ContactRequest.<ContactRequest>findByIdOptional(id)
                .orElseThrow(() -> new NotFoundException("contact request", id));
    }
}
