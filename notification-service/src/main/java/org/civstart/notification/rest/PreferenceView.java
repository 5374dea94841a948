package org.civstart.notification.rest;

import java.time.LocalTime;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.civstart.notification.domain.Category;
import org.civstart.notification.domain.Channel;
import org.civstart.notification.preference.Preferences;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A recipient's preferences as the REST API reads and writes them ({@link Preferences.Settings} says
 * what each field means), with the limits a body must keep and times as {@code HH:mm}.
 */
public record PreferenceView(
        @Email @Size(max = 320) String email,

        @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an E.164 number such as +4915112345678")
        String phone,

        @Size(max = 512) String pushToken,
        Map<Category, Set<Channel>> channels,
        @JsonFormat(pattern = "HH:mm") LocalTime quietStart,
        @JsonFormat(pattern = "HH:mm") LocalTime quietEnd,
        @Size(max = 64) String timeZone,
        Boolean digestEnabled,
        @Min(1) @Max(86400) Integer digestWindowSeconds) {

    static PreferenceView of(Preferences.Settings s) {
        return new PreferenceView(
                s.email(),
                s.phone(),
                s.pushToken(),
                s.channels(),
                s.quietStart(),
                s.quietEnd(),
                s.timeZone(),
                s.digestEnabled(),
                s.digestWindowSeconds());
    }

    static Preferences.Settings settings(PreferenceView v) {
        return new Preferences.Settings(
                v.email(),
                v.phone(),
                v.pushToken(),
                v.channels(),
                v.quietStart(),
                v.quietEnd(),
                v.timeZone(),
                v.digestEnabled(),
                v.digestWindowSeconds());
    }
}
