package org.civstart.gateway.ws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.civstart.gateway.GatewayConfig;
import org.civstart.gateway.GatewayMetrics;
import org.civstart.gateway.routing.Router;
import org.civstart.gateway.routing.Subscription;
import org.civstart.gateway.session.Endpoint;
import org.civstart.gateway.session.Session;
import org.jboss.logging.Logger;

import io.netty.channel.Channel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.timeout.IdleStateHandler;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /admin} and {@code GET /client}: the WebSocket upgrades. The bearer token was verified
 * by the OIDC mechanism before this runs (401 when it is invalid or expired); {@link EndpointAccess}
 * then decides (401 without a token, 403 for the wrong role or a {@code /client} token without a
 * startup). An accepted connection keeps only what delivery needs — endpoint, startup, user, token
 * expiry, its socket and channel — and lets go of the upgrade request's headers (the token among
 * them), routing context and security identity, which would otherwise stay with every connection.
 */
@ApplicationScoped
public class Upgrades {

    private static final Logger LOG = Logger.getLogger(Upgrades.class);

    @Inject
    Router router;

    @Inject
    GatewayConfig config;

    @Inject
    GatewayMetrics metrics;

    void routes(@Observes io.vertx.ext.web.Router web) {
        web.get("/admin").handler(rc -> upgrade(rc, Endpoint.ADMIN));
        web.get("/client").handler(rc -> upgrade(rc, Endpoint.CLIENT));
    }

    private void upgrade(RoutingContext rc, Endpoint endpoint) {
        HttpServerRequest request = rc.request();
        if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            rc.response().setStatusCode(400).end("a WebSocket upgrade is expected here");
            return;
        }
        SecurityIdentity identity = rc.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        EndpointAccess.Verdict verdict = EndpointAccess.check(endpoint, identity);
        if (!verdict.accepted()) {
            rc.response().setStatusCode(verdict.status()).end();
            return;
        }
        // one String per startup, whatever the number of its users' connections (the room's key)
        String startupId =
                endpoint == Endpoint.CLIENT ? EndpointAccess.startupId(identity).intern() : null;
        String userId = EndpointAccess.userId(identity);
        long expiresAt = EndpointAccess.expiresAtMillis(identity);
        String position = request.getParam("position");
        Channel channel = ((ConnectionBase) request.connection()).channel();
        request.toWebSocket().onComplete(ar -> {
            if (ar.succeeded()) {
                accepted(ar.result(), channel, endpoint, startupId, userId, expiresAt, position);
            } else {
                LOG.debugf(ar.cause(), "WebSocket upgrade failed");
            }
        });
    }

    private void accepted(
            ServerWebSocket ws,
            Channel channel,
            Endpoint endpoint,
            String startupId,
            String userId,
            long expiresAt,
            String position) {
        ws.headers().clear(); // the upgrade request's headers, the bearer token among them: not kept per connection
        // the HTTP idle-timeout handler would wrap every write in a promise with a listener and keep a timer
        // per connection; pings and the dead-peer timeout find silent peers instead
        if (channel.pipeline().get("idle") instanceof IdleStateHandler) {
            channel.pipeline().remove("idle");
        }
        int limit = config.outboundQueueBytes();
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(limit / 2, limit));
        Session session = new Session(
                endpoint,
                startupId,
                userId,
                expiresAt,
                (code, reason) -> ws.close((short) code, reason),
                channel,
                limit,
                router::forget,
                () -> metrics.slowClientClosed(endpoint));
        Subscription sub = router.open(session, position);
        ws.textMessageHandler(text -> router.onClientFrame(sub, text));
        ws.binaryMessageHandler(bytes -> router.onClientFrame(sub, bytes.toString()));
        ws.pongHandler(ignored -> session.seen());
        ws.closeHandler(ignored -> session.closedByPeer());
        ws.exceptionHandler(failure -> failed(session, failure));
    }

    /**
     * A failure on the socket. A client message over the hard size limit closes with 1009 (message
     * too big); anything else with 1011. Either way the client may reconnect and resume.
     */
    private static void failed(Session session, Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        if (failure instanceof CorruptedWebSocketFrameException
                || message.contains("max message size")
                || message.contains("max frame size")) {
            session.close(Session.CLOSE_TOO_BIG, "message too big");
        } else {
            LOG.debugf(failure, "connection %s failed", session.id());
            session.close(Session.CLOSE_INTERNAL, "internal error: reconnect and resume");
        }
    }
}
