package org.civstart.gateway.api;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.civstart.gateway.GatewayConfig;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP plumbing around the gateway's small API:
 * <ul>
 * <li>CORS for {@code /api/*} only, from {@code gateway.cors-origins} ({@code *} = any origin). Quarkus'
 * own CORS filter would apply to every path and refuse WebSocket upgrades from origins not listed,
 * which must stay open to any SPA that holds a valid token. It runs before authentication, so a 401
 * or 403 also carries the header and a browser can read it;</li>
 * <li>an invalid or expired bearer token on {@code /api/*} is answered 401 with an {@link ApiError} body
 * (the OIDC mechanism refuses it before any resource runs);</li>
 * <li>{@code /console} → 302 {@code /console/} (the console's static files).</li>
 * </ul>
 */
@ApplicationScoped
public class ApiRoutes {

    private final List<String> origins;

    ApiRoutes(GatewayConfig config) {
        this.origins = config.corsOrigins().orElse(List.of());
    }

    void filters(@Observes Filters filters) {
        filters.register(this::cors, SecurityHandlerPriorities.CORS + 10);
    }

    void routes(@Observes Router router) {
        // Vert.x matches "/console" for "/console/" too: redirect only the bare path, or /console/ loops
        router.get("/console").handler(rc -> {
            if ("/console".equals(rc.request().path())) {
                rc.redirect("/console/");
            } else {
                rc.next();
            }
        });
        router.route("/api/*").failureHandler(rc -> {
            if (rc.failure() instanceof AuthenticationFailedException
                    && !rc.response().ended()) {
                rc.response()
                        .setStatusCode(401)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(new ApiError("unauthorized", "the bearer token is invalid or expired").json());
            } else {
                rc.next();
            }
        });
    }

    private void cors(RoutingContext rc) {
        String origin = rc.request().getHeader(HttpHeaders.ORIGIN);
        if (origin == null || !rc.normalizedPath().startsWith("/api/")) {
            rc.next();
            return;
        }
        rc.response().headers().add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        if (!allowed(origin)) {
            rc.next(); // no CORS headers: the browser keeps the answer from the page
            return;
        }
        rc.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        if (rc.request().method() == HttpMethod.OPTIONS
                && rc.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null) {
            rc.response()
                    .setStatusCode(204)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, OPTIONS")
                    .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type")
                    .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600")
                    .end();
            return;
        }
        rc.next();
    }

    private boolean allowed(String origin) {
        return origins.contains("*") || origins.contains(origin);
    }
}
