package org.civstart.gateway.ws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import io.quarkus.websockets.next.WebSocketConnection;

final class Handshakes {

    private Handshakes() {
    }

    /** The {@code position} query parameter of the upgrade request: resume from it at once. */
    static String position(WebSocketConnection connection) {
        return queryParam(connection.handshakeRequest().query(), "position");
    }

    static String queryParam(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
