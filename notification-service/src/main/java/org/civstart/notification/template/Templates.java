package org.civstart.notification.template;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.civstart.notification.domain.Channel;
import org.civstart.notification.domain.TemplateOverride;
import org.civstart.rest.InvalidInputException;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;

/**
 * Qute templates per event type and channel. The built-in ones are
 * {@code templates/notifications/<ce_type>.txt}, with one fragment per part:
 * {@code title} and {@code body} (in-app, and the fallback of every other part),
 * {@code email_subject}, {@code email_text}, {@code sms}, {@code push_title}, {@code push_body};
 * plus {@code <ce_type>.html} for the HTML email (default: {@code email.html} around the text).
 * An admin may replace the template of one type on one external channel ({@link TemplateOverride}).
 *
 * <p>Rendering is strict (Quarkus' default, {@code quarkus.qute.strict-rendering=true}): a variable
 * the event does not carry fails the render with a {@link RenderException} naming it, instead of
 * sending a message with a hole in it.
 *
 * <p>Variables: {@code data} (the event payload, or for a digest nothing), {@code items} (the
 * notifications a message carries: {@code title}, {@code body}, {@code link}, {@code data}),
 * {@code title}, {@code body}, {@code link} (of the first item), {@code appUrl}.
 */
@ApplicationScoped
public class Templates {

    static final String DIR = "notifications/";
    public static final String DIGEST = "digest";

    @Inject
    Engine engine;

    /**
     * Renders the message of {@code eventType} (or {@link #DIGEST}) for {@code channel}.
     *
     * @throws RenderException when the template cannot render this event (retrying would not help)
     */
    @Transactional
    public Message render(String eventType, Channel channel, Map<String, Object> vars) throws RenderException {
        try {
            TemplateOverride override = channel.external() ? TemplateOverride.find(eventType, channel) : null;
            if (override != null) {
                return new Message(
                        override.subject == null ? null : strip(fill(engine.parse(override.subject), vars)),
                        strip(fill(engine.parse(override.text), vars)),
                        override.html == null
                                ? null
                                : fill(engine.parse(override.html, Variant.forContentType(Variant.TEXT_HTML)), vars));
            }
            Template text = engine.getTemplate(DIR + eventType + ".txt");
            if (text == null) {
                throw new RenderException("no template for " + eventType, null);
            }
            String title = part(text, "title", null, vars);
            String body = part(text, "body", null, vars);
            return switch (channel) {
                case IN_APP -> new Message(title, body, null);
                case SMS -> new Message(null, part(text, "sms", body, vars), null);
                case PUSH ->
                    new Message(part(text, "push_title", title, vars), part(text, "push_body", body, vars), null);
                case EMAIL -> {
                    String subject = part(text, "email_subject", title, vars);
                    String plain = part(text, "email_text", body, vars);
                    Template html = engine.getTemplate(DIR + eventType + ".html");
                    if (html == null) {
                        html = engine.getTemplate(DIR + "email.html");
                    }
                    Map<String, Object> htmlVars = new HashMap<>(vars);
                    htmlVars.put("subject", subject);
                    htmlVars.put("text", plain);
                    yield new Message(subject, plain, fill(html, htmlVars));
                }
            };
        } catch (TemplateException e) {
            throw new RenderException(
                    "template of " + eventType + " on " + channel.wireName() + " failed: " + e.getMessage(), e);
        }
    }

    /** Checks an admin's template parses (its variables can only be checked against a real event). */
    public void checkSyntax(String field, String content, boolean html) {
        if (content == null) {
            return;
        }
        try {
            engine.parse(content, Variant.forContentType(html ? Variant.TEXT_HTML : Variant.TEXT_PLAIN));
        } catch (TemplateException e) {
            throw new InvalidInputException(field, "is not a valid Qute template: " + e.getMessage());
        }
    }

    @Transactional
    public TemplateOverride override(String eventType, Channel channel, String subject, String text, String html) {
        checkSyntax("subject", subject, false);
        checkSyntax("text", text, false);
        checkSyntax("html", html, true);
        TemplateOverride o = TemplateOverride.find(eventType, channel);
        if (o == null) {
            o = new TemplateOverride();
            o.eventType = eventType;
            o.channel = channel;
        }
        o.subject = subject;
        o.text = text;
        o.html = html;
        o.updatedAt = Instant.now();
        o.persist();
        return o;
    }

    @Transactional
    public boolean removeOverride(String eventType, Channel channel) {
        return TemplateOverride.delete("eventType = ?1 and channel = ?2", eventType, channel) > 0;
    }

    private static String part(Template template, String fragment, String fallback, Map<String, Object> vars) {
        Template.Fragment f = template.getFragment(fragment);
        if (f == null) {
            if (fallback == null) {
                throw new TemplateException("fragment '" + fragment + "' missing in " + template.getId());
            }
            return fallback;
        }
        return strip(fill(f, vars));
    }

    private static String fill(Template template, Map<String, Object> vars) {
        TemplateInstance instance = template.instance();
        vars.forEach(instance::data);
        return instance.render();
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }
}
