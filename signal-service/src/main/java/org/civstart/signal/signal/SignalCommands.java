package org.civstart.signal.signal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.civstart.signal.domain.SignalStatus;

/** The inputs of the signal operations (REST bodies and the Airtable consumer build the same records). */
public final class SignalCommands {

    private SignalCommands() {}

    /** A new signal; {@code status} may be draft (default) or pending_review. */
    public record NewSignal(
            @NotBlank @Size(max = 300) String title,
            @Size(max = 20000) String summary,
            @Size(max = 200) String agency,
            @Size(max = 50) List<@NotBlank @Size(max = 100) String> sectors,
            @Size(max = 50) List<@NotBlank @Size(max = 100) String> tags,
            @PositiveOrZero @Max(1_000_000) Integer poolCost,
            LocalDate dueDate,
            SignalStatus status) {}

    /**
     * Changes to a signal: a null field stays as it is; "" clears a text, [] clears a list.
     * {@code version}, when sent, must be the current version (else 409).
     */
    public record SignalChanges(
            @Size(min = 1, max = 300) String title,
            @Size(max = 20000) String summary,
            @Size(max = 200) String agency,
            @Size(max = 50) List<@NotBlank @Size(max = 100) String> sectors,
            @Size(max = 50) List<@NotBlank @Size(max = 100) String> tags,
            @PositiveOrZero @Max(1_000_000) Integer poolCost,
            LocalDate dueDate,
            Long version) {}

    /** A status transition; moving to {@code assigned} needs the startups to assign (it is an assignment). */
    public record Transition(
            @NotNull SignalStatus status,
            @Size(max = 500) List<@NotNull UUID> startupIds,
            LocalDate dueDate,
            Long version) {}

    /** Assign one signal to startups. */
    public record Assign(@NotEmpty @Size(max = 500) List<@NotNull UUID> startupIds, LocalDate dueDate) {}

    /** Assign many signals to many startups at once (all or nothing). */
    public record BatchAssign(
            @NotEmpty @Size(max = 200) List<@NotNull UUID> signalIds,
            @NotEmpty @Size(max = 500) List<@NotNull UUID> startupIds,
            LocalDate dueDate) {}

    /** Filters of the signal list; null means any. */
    public record SignalFilter(SignalStatus status, String sector, String agency, String query) {}
}
