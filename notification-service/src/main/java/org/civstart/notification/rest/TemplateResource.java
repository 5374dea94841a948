package org.civstart.notification.rest;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.civstart.events.EventType;
import org.civstart.notification.domain.Channel;
import org.civstart.notification.domain.TemplateOverride;
import org.civstart.notification.rules.NotificationRules;
import org.civstart.notification.template.Templates;
import org.civstart.rest.Caller;
import org.civstart.rest.InvalidInputException;
import org.civstart.rest.NotFoundException;

/**
 * For staff: replace the built-in template of one event type on one external channel (Qute syntax,
 * variables as in the built-in ones), or go back to it. Only the syntax can be checked here; a
 * variable the event does not carry fails each delivery visibly (status failed, with the error).
 */
@Path("/api/notification-templates/{eventType}/{channel}")
@RolesAllowed(Caller.ADMIN)
public class TemplateResource {

    @Inject
    Templates templates;

    public record TemplateBody(
            @Size(max = 1000) String subject,
            @NotBlank @Size(max = 20000) String text,
            @Size(max = 100000) String html) {}

    public record TemplateView(
            String eventType, String channel, String subject, String text, String html, Instant updatedAt) {}

    @PUT
    public TemplateView put(
            @PathParam("eventType") String eventType,
            @PathParam("channel") String channel,
            @NotNull @Valid TemplateBody body) {
        String type = type(eventType);
        Channel c = channel(channel);
        TemplateOverride o = templates.override(type, c, body.subject(), body.text(), body.html());
        return new TemplateView(o.eventType, o.channel.wireName(), o.subject, o.text, o.html, o.updatedAt);
    }

    @DELETE
    public void delete(@PathParam("eventType") String eventType, @PathParam("channel") String channel) {
        if (!templates.removeOverride(type(eventType), channel(channel))) {
            throw new NotFoundException("template override for " + eventType + " on " + channel + " not found");
        }
    }

    private static String type(String eventType) {
        if (Templates.DIGEST.equals(eventType)) {
            return eventType;
        }
        EventType t = EventType.ofType(eventType);
        if (t == null || !NotificationRules.concerns(t)) {
            throw new InvalidInputException("eventType", "is not an event type that notifies anyone");
        }
        return t.type();
    }

    private static Channel channel(String channel) {
        Channel c = Channel.of(channel);
        if (!c.external()) {
            throw new InvalidInputException("channel", "in_app texts are built in; choose email, sms or push");
        }
        return c;
    }
}
