package org.civstart.gateway.ws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpHeaders;

/**
 * Browsers cannot set an Authorization header on a WebSocket. Besides the
 * {@code Sec-WebSocket-Protocol} carrier that websockets-next supports, the gateway accepts the
 * bearer token as an {@code access_token} query parameter on the two WebSocket paths: this
 * filter, which runs before authentication, turns it into the Authorization header, so the one
 * OIDC mechanism verifies every token the same way.
 */
@ApplicationScoped
public class AccessTokenQueryParameter {

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String path = rc.normalizedPath();
            if (("/admin".equals(path) || "/client".equals(path)) && rc.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
                String token = rc.request().getParam("access_token");
                if (token != null && !token.isBlank()) {
                    rc.request().headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
                }
            }
            rc.next();
        }, SecurityHandlerPriorities.AUTHENTICATION + 10);
    }
}
