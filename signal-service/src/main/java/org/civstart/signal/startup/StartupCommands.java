package org.civstart.signal.startup;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.civstart.signal.domain.Tier;

/** Inputs of the startup operations. */
public final class StartupCommands {

    private StartupCommands() {}

    /** A new startup ({@code tier} defaults to starter). */
    public record NewStartup(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 50) List<@NotBlank @Size(max = 100) String> sectors,
            Tier tier) {}

    /** Changes to a startup: null stays, [] clears the sectors; {@code version} (optional) must be current. */
    public record StartupChanges(
            @Size(min = 1, max = 200) String name,
            @Size(max = 50) List<@NotBlank @Size(max = 100) String> sectors,
            Tier tier,
            Long version) {}
}
