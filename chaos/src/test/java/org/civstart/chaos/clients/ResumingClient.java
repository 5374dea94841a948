package org.civstart.chaos.clients;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A WebSocket client that behaves like the browser SDK ({@code @civstart/realtime}) where it
 * matters for delivery: it resumes every new socket with {@code ?position=} = the position of the
 * last event it handed to its application (or of {@code system:resumed}), on whichever replica it
 * reaches; it drops frame ids it already handed over (last 10,000, by id and event name, so an alias
 * frame is not a duplicate); it reconnects after a close or a network loss with the SDK's delays
 * (a replica going away: at once, spread over 1 s; a crash or network loss: full-jitter backoff from
 * 500 ms, capped at 30 s). It keeps what it handed over of {@code credits:updated} for the checks.
 */
public final class ResumingClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClientContext context;
    private final List<String> replicas;
    private final String path;
    private final String token;
    private final RecentIds recent = new RecentIds(10_000);
    private final List<Delivered> delivered = new ArrayList<>();
    private final AtomicInteger generation = new AtomicInteger();
    private volatile WebSocket socket;
    private volatile String position;
    private volatile boolean live;
    private volatile boolean closed;
    private int replica;
    private int failures;
    // counters
    private volatile long frames;
    private volatile long duplicateFrames;
    private volatile int connects;
    private volatile int resumes;
    private volatile int resyncs;
    private volatile int errorFrames;
    private volatile long lastWelcomeNanos;
    private volatile long lastResumedNanos;
    private volatile long droppedNanos;

    /**
     * @param replicas gateway base URLs ({@code ws://host:port}); the client starts on {@code first}
     *                 and moves to the next one after a failed or lost connection
     * @param path {@code /admin} or {@code /client}
     */
    public ResumingClient(ClientContext context, List<String> replicas, int first, String path, String token) {
        this.context = context;
        this.replicas = replicas;
        this.replica = first % replicas.size();
        this.path = path;
        this.token = token;
    }

    /** Opens the first socket (asynchronously); {@link #isLive()} tells when it is welcomed. */
    public void connect() {
        open();
    }

    private void open() {
        if (closed) {
            return;
        }
        int gen = generation.incrementAndGet();
        String p = position;
        URI uri = URI.create(replicas.get(replica)
                + path
                + (p == null ? "" : "?position=" + URLEncoder.encode(p, StandardCharsets.UTF_8)));
        connects++;
        context.http(this)
                .newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token)
                .buildAsync(uri, new Listener(gen))
                .whenComplete((ws, failure) -> {
                    if (failure != null) {
                        lost(gen, -1);
                    } else if (gen == generation.get()) {
                        socket = ws;
                    } else {
                        ws.abort();
                    }
                });
    }

    /**
     * The network drops a live connection: the socket is aborted without a close handshake; the client
     * reconnects after its backoff. False (nothing happens) when the client is not live: no connection to lose.
     */
    public boolean drop() {
        WebSocket ws = socket;
        if (!live || ws == null) {
            return false;
        }
        droppedNanos = System.nanoTime();
        int gen = generation.get();
        ws.abort();
        lost(gen, 1006);
        return true;
    }

    /** A socket ended (close code, or -1 when it failed): reconnect with the SDK's delay. */
    private void lost(int gen, int code) {
        if (!generation.compareAndSet(gen, gen + 1) || closed) {
            return;
        }
        live = false;
        socket = null;
        long delayMs;
        if (code == 1000 || code == 1001) {
            delayMs = ThreadLocalRandom.current().nextLong(1000);
        } else if (code == 4008 || code == 4001) {
            delayMs = 0;
        } else {
            failures++;
            long cap = Math.min(30_000, 500L << Math.min(failures - 1, 6));
            delayMs = ThreadLocalRandom.current().nextLong(cap + 1);
            replica = (replica + 1) % replicas.size();
        }
        context.scheduler().schedule(this::open, delayMs, TimeUnit.MILLISECONDS);
    }

    private synchronized void onFrame(String text) {
        frames++;
        JsonNode f;
        try {
            f = JSON.readTree(text);
        } catch (Exception e) {
            errorFrames++;
            return;
        }
        String event = f.path("event").asText();
        JsonNode pos = f.get("position");
        switch (event) {
            case "system:welcome" -> {
                live = true;
                failures = 0;
                lastWelcomeNanos = System.nanoTime();
                if (position == null && pos != null && pos.isTextual()) {
                    position = pos.asText(); // nothing to resume yet: start from the live head
                }
            }
            case "system:resumed" -> {
                resumes++;
                lastResumedNanos = System.nanoTime();
                if (droppedNanos != 0) {
                    context.recovered(lastResumedNanos - droppedNanos);
                    droppedNanos = 0;
                }
                adopt(pos);
            }
            case "system:resyncRequired" -> {
                resyncs++;
                adopt(pos);
            }
            case "system:error" -> errorFrames++;
            default -> {
                if (event.startsWith("system:")) {
                    return; // heartbeat, subscribed: never move the position
                }
                adopt(pos);
                if (!recent.add(f.path("id").asText() + "/" + event)) {
                    duplicateFrames++;
                    return;
                }
                if (event.equals("credits:updated")) {
                    JsonNode d = f.path("data");
                    delivered.add(new Delivered(
                            f.path("id").asText(),
                            d.path("startupId").asText(),
                            d.path("version").asLong(),
                            System.nanoTime()));
                }
            }
        }
    }

    private void adopt(JsonNode pos) {
        if (pos != null && pos.isTextual()) {
            position = pos.asText();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final int gen;
        private final StringBuilder partial = new StringBuilder();

        Listener(int gen) {
            this.gen = gen;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (gen != generation.get()) {
                return null; // a socket this client gave up on
            }
            partial.append(data);
            if (last) {
                onFrame(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lost(gen, statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost(gen, -1);
        }
    }

    /** Stops reconnecting and closes the socket. */
    public void close() {
        closed = true;
        WebSocket ws = socket;
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                    .orTimeout(2, TimeUnit.SECONDS)
                    .whenComplete((r, e) -> ws.abort());
        }
    }

    public boolean isLive() {
        return live;
    }

    public String path() {
        return path;
    }

    public synchronized List<Delivered> delivered() {
        return List.copyOf(delivered);
    }

    public synchronized int deliveredCount() {
        return delivered.size();
    }

    public long frames() {
        return frames;
    }

    public long duplicateFrames() {
        return duplicateFrames;
    }

    public int connects() {
        return connects;
    }

    public int resumes() {
        return resumes;
    }

    public int resyncs() {
        return resyncs;
    }

    public int errorFrames() {
        return errorFrames;
    }

    public long lastWelcomeNanos() {
        return lastWelcomeNanos;
    }

    public long lastResumedNanos() {
        return lastResumedNanos;
    }

    public int replica() {
        return replica;
    }
}
