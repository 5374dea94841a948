package org.civstart.notification.preference;

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

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A recipient's preferences as the REST API reads and writes them.
 *
 * @param channels per category, the channels to use; a category left out uses every channel the
 *        recipient has an address for; in-app is always on
 * @param quietStart start of the quiet hours ({@code HH:mm}, in {@code timeZone}); deliveries due
 *        inside them wait for {@code quietEnd}
 * @param digestEnabled assignment emails are batched into one email per {@code digestWindowSeconds}
 */
public record PreferenceView(
        @Email @Size(max = 320) String email,
        @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an E.164 number such as +4915112345678") String phone,
        @Size(max = 512) String pushToken,
        Map<Category, Set<Channel>> channels,
        @JsonFormat(pattern = "HH:mm") LocalTime quietStart,
        @JsonFormat(pattern = "HH:mm") LocalTime quietEnd,
        @Size(max = 64) String timeZone,
        Boolean digestEnabled,
        @Min(1) @Max(86400) Integer digestWindowSeconds) {
}
