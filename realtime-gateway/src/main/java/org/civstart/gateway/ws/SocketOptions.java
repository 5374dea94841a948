package org.civstart.gateway.ws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.civstart.gateway.GatewayConfig;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The HTTP server's WebSocket settings: the {@code bearer-token-carrier} subprotocol is selected
 * when offered (browsers require the server to pick one of the subprotocols they sent); client
 * frames and messages are limited to {@code gateway.max-client-message} bytes (beyond it the
 * connection is closed with 1009); no per-message compression (it would cost a compressor per
 * connection and CPU per frame per connection).
 */
@ApplicationScoped
public class SocketOptions implements HttpServerOptionsCustomizer {

    @Inject
    GatewayConfig config;

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        apply(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        apply(options);
    }

    private void apply(HttpServerOptions options) {
        options.addWebSocketSubProtocol(BearerCarriers.SUBPROTOCOL);
        options.setMaxWebSocketFrameSize(config.maxClientMessage());
        options.setMaxWebSocketMessageSize(config.maxClientMessage());
        options.setPerMessageWebSocketCompressionSupported(false);
        options.setPerFrameWebSocketCompressionSupported(false);
    }
}
