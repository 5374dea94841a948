package org.civstart.rest;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response.Status;

import org.civstart.outbox.EventContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Every REST request's context, recorded once so that services never pass it around:
 * <ul>
 * <li>the actor, the token's {@code sub};</li>
 * <li>the correlation id: the client's {@code X-Request-Id}, else its {@code Idempotency-Key}, else
 * a new UUID. It is echoed in the response's {@code X-Request-Id}.</li>
 * </ul>
 * Both go into the outbox's {@link EventContext}, so every event the request causes carries them
 * ({@code ce_actor}, {@code ce_correlationid}) and a client recognises its own change when the
 * event arrives on its WebSocket. The {@code Idempotency-Key} is kept for {@link Idempotent}
 * endpoints. A header that is too long or not printable ASCII is a 400 naming the header.
 */
public class RequestContextFilter {

    public static final String REQUEST_ID = "X-Request-Id";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int MAX_LENGTH = 255;
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E]+");

    @Inject
    EventContext events;

    @Inject
    RequestContext request;

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken jwt;

    @ServerRequestFilter
    public Optional<RestResponse<ApiError>> record(ContainerRequestContext context) {
        String requestId = context.getHeaderString(REQUEST_ID);
        String key = context.getHeaderString(IDEMPOTENCY_KEY);
        for (var header : Map.of(
                        REQUEST_ID, requestId == null ? "" : requestId, IDEMPOTENCY_KEY, key == null ? "" : key)
                .entrySet()) {
            String value = header.getValue();
            if (!value.isEmpty()
                    && (value.length() > MAX_LENGTH || !PRINTABLE.matcher(value).matches())) {
                return Optional.of(ErrorMappers.error(
                        Status.BAD_REQUEST,
                        "validation failed",
                        Map.of(
                                header.getKey(),
                                "must be 1 to " + MAX_LENGTH + " printable ASCII characters without spaces")));
            }
        }
        String correlationId = present(requestId)
                ? requestId
                : present(key) ? key : UUID.randomUUID().toString();
        String subject = identity.isAnonymous() ? null : jwt.getSubject();
        events.set(subject, correlationId);
        request.set(subject, present(key) ? key : null);
        return Optional.empty();
    }

    @ServerResponseFilter
    public void echo(ContainerResponseContext response) {
        String correlationId = events.correlationId();
        if (correlationId != null) {
            response.getHeaders().putSingle(REQUEST_ID, correlationId);
        }
    }

    private static boolean present(String header) {
        return header != null && !header.isEmpty();
    }
}
