package org.civstart.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * WebSocket clients (RFC 6455) on one NIO selector thread, as lean as a load generator can be: a
 * connection is a socket, a read buffer and a few fields, so the machine's CPU goes to the gateway
 * under test rather than to its clients. It does what a browser's WebSocket does on the wire — an
 * HTTP/1.1 upgrade with a random {@code Sec-WebSocket-Key} whose {@code Sec-WebSocket-Accept} it
 * checks, masked client frames, pongs to pings, the closing handshake — and hands every text
 * message to a {@link Listener}. Not a general client: no extensions, no TLS, messages up to 1 MiB.
 */
final class NioWebSockets implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_MESSAGE = 1 << 20;

    /** What a connection receives. Called on the selector thread. */
    interface Listener {
        void onText(Connection c, String text);

        /** The connection ended: {@code code} from the server's close frame, 1006 without one. */
        void onClosed(Connection c, int code);
    }

    /** One client connection; {@code index} is the caller's. */
    final class Connection {
        final int index;
        private final SocketChannel channel;
        private final String key;
        private final byte[] request;
        private final CompletableFuture<Connection> opened = new CompletableFuture<>();
        /** Completes when the connection has ended (either side). */
        final CompletableFuture<Integer> ended = new CompletableFuture<>();
        /** Whether this client started the closing handshake. */
        volatile boolean closedByClient;

        private ByteBuffer in = ByteBuffer.allocate(4096);
        private final Queue<ByteBuffer> out = new ArrayDeque<>();
        private boolean open;
        private boolean closed;
        /** A fragmented message being put together (rare: the gateway sends whole frames). */
        private ByteBuffer fragments;

        private Connection(int index, SocketChannel channel, String key, byte[] request) {
            this.index = index;
            this.channel = channel;
            this.key = key;
            this.request = request;
        }

        /** Sends a text message (masked, as a client must). Any thread. */
        void sendText(String text) {
            send(0x1, text.getBytes(StandardCharsets.UTF_8));
        }

        /** Starts the closing handshake. Any thread. */
        void close() {
            closedByClient = true;
            send(0x8, new byte[] {0x03, (byte) 0xE8}); // 1000
        }

        private void send(int opcode, byte[] payload) {
            pending.add(() -> write(this, frame(opcode, payload)));
            selector.wakeup();
        }
    }

    private final Selector selector;
    private final Thread thread;
    private final Listener listener;
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    /** The longest time one round of the selector loop spent handling what was ready (ns), and rounds over 10 ms. */
    private volatile long longestRoundNanos;

    private volatile long roundsOver10ms;

    NioWebSockets(Listener listener, String name) throws IOException {
        this.listener = listener;
        this.selector = Selector.open();
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Opens a connection to {@code host:port}{@code path} with
     * {@code Authorization: Bearer <token>}; completes once the server accepted the upgrade.
     */
    CompletableFuture<Connection> connect(String host, int port, String path, String token, int index) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" + "Sec-WebSocket-Key: " + key
                        + "\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        CompletableFuture<Connection> result = new CompletableFuture<>();
        pending.add(() -> {
            try {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Connection c = new Connection(index, ch, key, request);
                c.opened.whenComplete((ok, e) -> {
                    if (e != null) {
                        result.completeExceptionally(e);
                    } else {
                        result.complete(ok);
                    }
                });
                if (ch.connect(new InetSocketAddress(host, port))) {
                    connected(c);
                } else {
                    ch.register(selector, SelectionKey.OP_CONNECT, c);
                }
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        selector.wakeup();
        return result;
    }

    private void loop() {
        while (running) {
            try {
                selector.select(100);
                long round = System.nanoTime();
                Runnable task;
                while ((task = pending.poll()) != null) {
                    task.run();
                }
                long tasksDone = System.nanoTime();
                long longestKey = 0;
                int keys = 0;
                for (SelectionKey k : selector.selectedKeys()) {
                    long keyStart = System.nanoTime();
                    keys++;
                    Connection c = (Connection) k.attachment();
                    try {
                        if (!k.isValid()) {
                            continue;
                        }
                        if (k.isConnectable()) {
                            c.channel.finishConnect();
                            connected(c);
                        } else {
                            if (k.isWritable()) {
                                flush(c);
                            }
                            if (k.isValid() && k.isReadable()) {
                                read(c);
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        fail(c, e);
                    }
                    longestKey = Math.max(longestKey, System.nanoTime() - keyStart);
                }
                selector.selectedKeys().clear();
                long took = System.nanoTime() - round;
                if (took > 100_000_000) { // diagnostics on stderr (the generator's log): where a long round went
                    System.err.printf(
                            "%s long round %.0f ms: tasks %.0f ms, %d keys, longest key %.0f ms%n",
                            Instant.now(), took / 1e6, (tasksDone - round) / 1e6, keys, longestKey / 1e6);
                }
                if (took > longestRoundNanos) {
                    longestRoundNanos = took;
                }
                if (took > 10_000_000) {
                    roundsOver10ms++;
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void connected(Connection c) throws IOException {
        c.channel.register(selector, SelectionKey.OP_READ, c);
        write(c, ByteBuffer.wrap(c.request));
    }

    private void write(Connection c, ByteBuffer buf) {
        if (c.closed) {
            return;
        }
        c.out.add(buf);
        try {
            flush(c);
        } catch (IOException e) {
            fail(c, e);
        }
    }

    private void flush(Connection c) throws IOException {
        while (!c.out.isEmpty()) {
            ByteBuffer b = c.out.peek();
            c.channel.write(b);
            if (b.hasRemaining()) {
                c.channel.keyFor(selector).interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                return;
            }
            c.out.poll();
        }
        SelectionKey key = c.channel.keyFor(selector);
        if (key != null && key.isValid()) {
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    /** Reads what the socket holds (up to 16 buffers in a round, so one busy connection cannot hold up the others). */
    private void read(Connection c) throws IOException {
        for (int i = 0; i < 16 && !c.closed; i++) {
            if (!readOnce(c)) {
                return;
            }
        }
    }

    /** One read and the frames it completes; true when it filled the buffer (the socket may hold more). */
    private boolean readOnce(Connection c) throws IOException {
        int free = c.in.remaining();
        int n = c.channel.read(c.in);
        if (n < 0) {
            end(c, 1006);
            return false;
        }
        if (n == 0) {
            return false;
        }
        boolean full = n == free;
        process(c);
        return full;
    }

    private void process(Connection c) throws IOException {
        c.in.flip();
        if (!c.open) {
            if (!handshake(c)) {
                c.in.compact();
                return;
            }
        }
        while (!c.closed && frame(c)) {
            // one frame per round
        }
        if (!c.closed) {
            c.in.compact();
            if (!c.in.hasRemaining()) { // a frame larger than the buffer: make room
                ByteBuffer bigger = ByteBuffer.allocate(c.in.capacity() * 2);
                c.in.flip();
                bigger.put(c.in);
                c.in = bigger;
            }
        }
    }

    /** Reads the upgrade response once complete; false while it is not. */
    private boolean handshake(Connection c) throws IOException {
        ByteBuffer in = c.in;
        int end = -1;
        for (int i = in.position(); i + 3 < in.limit(); i++) {
            if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                end = i + 4;
                break;
            }
        }
        if (end < 0) {
            if (in.limit() == in.capacity()) {
                throw new IOException("upgrade response too long");
            }
            return false;
        }
        String head = new String(in.array(), in.position(), end - in.position(), StandardCharsets.ISO_8859_1);
        in.position(end);
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head.lines().findFirst().orElse(""));
        }
        String accept = accept(c.key);
        boolean ok = head.lines()
                .anyMatch(l -> l.regionMatches(true, 0, "Sec-WebSocket-Accept:", 0, 21)
                        && l.substring(21).trim().equals(accept));
        if (!ok) {
            throw new IOException("wrong Sec-WebSocket-Accept");
        }
        c.open = true;
        c.opened.complete(c);
        return true;
    }

    /** Handles one complete frame at the buffer's position; false if it is not all there yet. */
    private boolean frame(Connection c) throws IOException {
        ByteBuffer in = c.in;
        int start = in.position();
        if (in.remaining() < 2) {
            return false;
        }
        int b0 = in.get(start) & 0xFF;
        int b1 = in.get(start + 1) & 0xFF;
        if ((b1 & 0x80) != 0) {
            throw new IOException("a server frame must not be masked");
        }
        long length = b1 & 0x7F;
        int header = 2;
        if (length == 126) {
            if (in.remaining() < 4) {
                return false;
            }
            length = in.getShort(start + 2) & 0xFFFF;
            header = 4;
        } else if (length == 127) {
            if (in.remaining() < 10) {
                return false;
            }
            length = in.getLong(start + 2);
            header = 10;
        }
        if (length > MAX_MESSAGE) {
            throw new IOException("frame too large: " + length);
        }
        if (in.remaining() < header + length) {
            return false;
        }
        int from = start + header;
        int len = (int) length;
        in.position(from + len);
        boolean fin = (b0 & 0x80) != 0;
        switch (b0 & 0x0F) {
            case 0x1, 0x2 -> {
                if (fin) {
                    listener.onText(c, new String(in.array(), from, len, StandardCharsets.UTF_8));
                } else {
                    c.fragments = ByteBuffer.allocate(Math.max(len * 2, 1024)).put(in.array(), from, len);
                }
            }
            case 0x0 -> {
                if (c.fragments == null) {
                    throw new IOException("continuation without a first fragment");
                }
                if (c.fragments.remaining() < len) {
                    ByteBuffer bigger = ByteBuffer.allocate((c.fragments.position() + len) * 2);
                    c.fragments.flip();
                    c.fragments = bigger.put(c.fragments);
                }
                c.fragments.put(in.array(), from, len);
                if (fin) {
                    listener.onText(
                            c, new String(c.fragments.array(), 0, c.fragments.position(), StandardCharsets.UTF_8));
                    c.fragments = null;
                }
            }
            case 0x9 -> write(c, frame(0xA, Arrays.copyOfRange(in.array(), from, from + len))); // pong
            case 0xA -> {} // pong
            case 0x8 -> {
                int code = len >= 2 ? in.getShort(from) & 0xFFFF : 1005;
                write(c, frame(0x8, new byte[] {(byte) (code >> 8), (byte) code}));
                end(c, code);
            }
            default -> throw new IOException("unknown opcode " + (b0 & 0x0F));
        }
        return true;
    }

    /** A final client frame: masked with a random key. */
    private static ByteBuffer frame(int opcode, byte[] payload) {
        int len = payload.length;
        int header = len < 126 ? 2 : len < 65536 ? 4 : 10;
        ByteBuffer b = ByteBuffer.allocate(header + 4 + len);
        b.put((byte) (0x80 | opcode));
        if (len < 126) {
            b.put((byte) (0x80 | len));
        } else if (len < 65536) {
            b.put((byte) (0x80 | 126)).putShort((short) len);
        } else {
            b.put((byte) (0x80 | 127)).putLong(len);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        b.put(mask);
        for (int i = 0; i < len; i++) {
            b.put((byte) (payload[i] ^ mask[i & 3]));
        }
        return b.flip();
    }

    private void fail(Connection c, Exception e) {
        if (!c.open) {
            c.opened.completeExceptionally(e);
        }
        end(c, 1006);
    }

    private void end(Connection c, int code) {
        if (c.closed) {
            return;
        }
        c.closed = true;
        try {
            flush(c);
        } catch (IOException ignored) {
            // the peer is gone
        }
        try {
            c.channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        c.ended.complete(code);
        if (c.open) {
            listener.onClosed(c, code);
        } else {
            c.opened.completeExceptionally(new IOException("closed before the upgrade completed"));
        }
    }

    /** The longest round of the selector loop so far, in ms: whether this client itself held frames back. */
    double longestRoundMillis() {
        return longestRoundNanos / 1e6;
    }

    long roundsOver10ms() {
        return roundsOver10ms;
    }

    /** Starts the two figures above afresh (the connect phase's big rounds are not the run's). */
    void resetRounds() {
        longestRoundNanos = 0;
        roundsOver10ms = 0;
    }

    static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5000);
            selector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
