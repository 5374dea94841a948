package org.civstart.gateway.ws;

import jakarta.inject.Inject;

import org.civstart.gateway.fanout.Fanout;
import org.civstart.gateway.fanout.Session;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;

/** {@code /admin}: every admin-audience event. The upgrade needs a valid token with role {@code admin} ({@link EndpointAccess}). */
@WebSocket(path = "/admin")
public class AdminEndpoint {

    @Inject
    Fanout fanout;

    @Inject
    SecurityIdentity identity;

    @OnOpen
    void open(WebSocketConnection connection) {
        fanout.open(connection, Session.Endpoint.ADMIN, null, EndpointAccess.userId(identity), Handshakes.position(connection));
    }

    @OnTextMessage
    void message(WebSocketConnection connection, String text) {
        fanout.onClientFrame(connection, text);
    }

    @OnPongMessage
    void pong(WebSocketConnection connection, Buffer data) {
        fanout.seen(connection);
    }

    @OnError
    void error(WebSocketConnection connection, Throwable failure) {
        fanout.failed(connection, failure);
    }

    @OnClose
    void close(WebSocketConnection connection) {
        fanout.closed(connection);
    }
}
