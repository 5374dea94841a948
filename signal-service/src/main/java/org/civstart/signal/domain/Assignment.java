package org.civstart.signal.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.civstart.rest.NotFoundException;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A signal given to one startup (at most one per signal and startup). */
@Entity
@Table(name = "assignment")
public class Assignment extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID signalId;
    public UUID startupId;

    @Enumerated(EnumType.STRING)
    public AssignmentType assignmentType;

    @Enumerated(EnumType.STRING)
    public AssignmentStatus status;

    public String responseNote;
    public LocalDate dueDate;
    public Instant createdAt;
    public Instant viewedAt;
    public Instant respondedAt;
    public Instant updatedAt;

    @Version
    public long version;

    public static boolean exists(UUID signalId, UUID startupId) {
        return count("signalId = ?1 and startupId = ?2", signalId, startupId) > 0;
    }

    /** The startups a signal is assigned to. */
    public static List<UUID> startupsOf(UUID signalId) {
        return getEntityManager()
                .createQuery(
                        "select a.startupId from Assignment a where a.signalId = :signal order by a.startupId",
                        UUID.class)
                .setParameter("signal", signalId)
                .getResultList();
    }

    /** The assignment with this id; a {@link NotFoundException} (404) when there is none. */
    public static Assignment require(UUID id) {
        return Assignment.<Assignment>findByIdOptional(id).orElseThrow(() -> new NotFoundException("assignment", id));
    }
}
