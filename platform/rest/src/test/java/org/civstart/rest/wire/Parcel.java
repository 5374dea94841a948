package org.civstart.rest.wire;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/** An entity with a wire enum attribute: Jakarta Persistence's own mapping, no converter. */
@Entity
public class Parcel {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public ParcelStatus status;

    @Version
    public long version;
}
