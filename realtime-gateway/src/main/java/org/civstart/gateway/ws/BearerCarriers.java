package org.civstart.gateway.ws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Browsers cannot set an Authorization header on a WebSocket. On the two WebSocket paths this
 * filter, which runs before authentication, turns the two carriers browsers can use into the
 * Authorization header, so the one OIDC mechanism verifies every token the same way:
 * <ul>
 * <li>the {@code Sec-WebSocket-Protocol} entry {@code quarkus-http-upgrade#Authorization#Bearer <token>}
 * (URL-encoded as a whole or in its value), next to the subprotocol {@code bearer-token-carrier}
 * that the server then selects — the convention of Quarkus' WebSockets Next, kept for clients
 * written against it;</li>
 * <li>an {@code access_token} query parameter.</li>
 * </ul>
 */
@ApplicationScoped
public class BearerCarriers {

    static final String SUBPROTOCOL = "bearer-token-carrier";
    private static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";
    private static final String HEADER_PROTOCOL = "quarkus-http-upgrade";

    void register(@Observes Filters filters) {
        filters.register(this::carry, SecurityHandlerPriorities.AUTHENTICATION + 10);
    }

    private void carry(RoutingContext rc) {
        String path = rc.normalizedPath();
        if ("/admin".equals(path) || "/client".equals(path)) {
            HttpServerRequest request = rc.request();
            String protocols = request.getHeader(SEC_WEBSOCKET_PROTOCOL);
            if (protocols != null && protocols.contains(HEADER_PROTOCOL)) {
                StringBuilder others = new StringBuilder();
                for (String protocol : protocols.split(",")) {
                    protocol = protocol.trim();
                    if (protocol.startsWith(HEADER_PROTOCOL)) {
                        String[] nameValue = URLDecoder.decode(protocol, StandardCharsets.UTF_8)
                                .split("#", 3);
                        if (nameValue.length == 3 && nameValue[1].equalsIgnoreCase("authorization")) {
                            request.headers().set(HttpHeaders.AUTHORIZATION, nameValue[2]);
                        }
                    } else {
                        others.append(others.length() == 0 ? "" : ",").append(protocol);
                    }
                }
                request.headers().set(SEC_WEBSOCKET_PROTOCOL, others.toString());
            }
            if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
                String token = request.getParam("access_token");
                if (token != null && !token.isBlank()) {
                    request.headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
                }
            }
        }
        rc.next();
    }
}
