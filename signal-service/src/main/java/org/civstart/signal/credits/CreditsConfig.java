package org.civstart.signal.credits;

import java.util.Map;

import org.civstart.signal.domain.Tier;
import org.civstart.signal.domain.Wire;

import io.smallrye.config.ConfigMapping;

/** {@code civstart.credits.monthly-allotment.<tier>=<credits>}: what each tier receives every month. */
@ConfigMapping(prefix = "civstart.credits")
public interface CreditsConfig {

    Map<String, Integer> monthlyAllotment();

    default int allotment(Tier tier) {
        Integer n = monthlyAllotment().get(Wire.name(tier));
        if (n == null) {
            throw new IllegalStateException("civstart.credits.monthly-allotment." + Wire.name(tier) + " is not configured");
        }
        return n;
    }
}
