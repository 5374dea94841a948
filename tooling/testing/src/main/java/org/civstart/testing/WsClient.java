package org.civstart.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real WebSocket client over the network (the JDK's), for tests of the realtime gateway: it
 * records every frame, the close code, and can stop reading to play a slow client.
 */
public final class WsClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final boolean reading;
    private volatile WebSocket socket;

    private WsClient(boolean reading) {
        this.reading = reading;
    }

    /** How the bearer token travels on the upgrade. */
    public enum Auth {
        HEADER,
        SUBPROTOCOL,
        QUERY,
        NONE
    }

    public static WsClient connect(URI uri, String token) {
        return connect(uri, token, Auth.HEADER, true);
    }

    /**
     * @param reading false: the client never asks for frames after the first (a slow client)
     * @throws Refused if the server refused the upgrade
     */
    public static WsClient connect(URI uri, String token, Auth auth, boolean reading) {
        WsClient client = new WsClient(reading);
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        URI target = uri;
        switch (auth) {
            case HEADER -> builder.header("Authorization", "Bearer " + token);
            case SUBPROTOCOL ->
                builder.subprotocols(
                        "bearer-token-carrier",
                        "quarkus-http-upgrade#Authorization#"
                                + URLEncoder.encode("Bearer " + token, StandardCharsets.UTF_8)
                                        .replace("+", "%20"));
            case QUERY ->
                target = URI.create(uri + (uri.getQuery() == null ? "?" : "&") + "access_token="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8));
            case NONE -> {}
        }
        try {
            client.socket = builder.buildAsync(target, client.listener()).get(15, TimeUnit.SECONDS);
            return client;
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WebSocketHandshakeException h) {
                throw new Refused(h.getResponse().statusCode());
            }
            throw new IllegalStateException("WebSocket connect failed", cause);
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("WebSocket connect failed", e);
        }
    }

    /** The upgrade was refused with an HTTP status. */
    public static final class Refused extends RuntimeException {
        private final int status;

        public Refused(int status) {
            super("upgrade refused with HTTP " + status);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public void onOpen(WebSocket webSocket) {
                webSocket.request(1);
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        frames.add(JSON.readTree(partial.toString()));
                    } catch (Exception e) {
                        frames.add(JSON.createObjectNode().put("unparseable", partial.toString()));
                    }
                    partial.setLength(0);
                }
                if (reading) {
                    webSocket.request(1);
                }
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(-1);
            }
        };
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    /** Frames whose {@code event} is not a {@code system:*} frame. */
    public List<JsonNode> events() {
        return frames.stream()
                .filter(f -> !f.path("event").asText().startsWith("system:"))
                .toList();
    }

    public List<JsonNode> framesNamed(String event) {
        return frames.stream()
                .filter(f -> event.equals(f.path("event").asText()))
                .toList();
    }

    public JsonNode await(Predicate<JsonNode> frame) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> frames.stream().anyMatch(frame));
        return frames.stream().filter(frame).findFirst().orElseThrow();
    }

    public JsonNode awaitEvent(String event) {
        return await(f -> event.equals(f.path("event").asText()));
    }

    /** Waits until at least {@code count} non-system frames arrived and returns them. */
    public List<JsonNode> awaitEvents(int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> events().size() >= count);
        return events();
    }

    /** The position of the newest frame that carries one. */
    public String lastPosition() {
        for (int i = frames.size() - 1; i >= 0; i--) {
            JsonNode p = frames.get(i).get("position");
            if (p != null && p.isTextual()) {
                return p.asText();
            }
        }
        return null;
    }

    /** The close code the server sent (waits up to {@code timeout}); -1 on a connection error. */
    public int awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("connection not closed within " + timeout, e);
        }
    }

    public boolean isClosed() {
        return closed.isDone() || socket.isInputClosed();
    }

    /** Drops the TCP connection without a close handshake (a browser losing its network). */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // already gone
            }
        }
        socket.abort();
    }
}
