package org.civstart.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One load-generator process: opens the WebSocket connections listed in a spec file and measures
 * what they receive. Its clients are {@link NioWebSockets}: real WebSocket clients on the wire, with
 * little CPU of their own per connect and per frame, so that the gateway under test gets the
 * machine's CPU rather than its load generators. It runs as its own JVM (a process may hold at most 20,000 open files here, and
 * its CPU is then its own, reported with the results), driven by {@link GatewayBenchmark} over
 * stdin/stdout, one command per line:
 * <ul>
 * <li>{@code connect} → {@code connected <ok> <failed> <seconds>}</li>
 * <li>{@code count-all} → {@code ok}; from now on every event frame counts, marked or not;</li>
 * <li>{@code mark} → {@code ok}; the clients' longest selector round is measured from now on;</li>
 * <li>{@code report} → one JSON line: frames of the measured run, latency histogram, frames per
 * connection, frames of another startup's room (leaks), this process's CPU seconds</li>
 * <li>{@code disconnect} → {@code ok} once every connection is closed (a warm-up round of connects);</li>
 * <li>{@code close} → closes every connection and exits.</li>
 * </ul>
 * A spec line is {@code port<TAB>path<TAB>room<TAB>token[<TAB>events]}; {@code room} is the startup id of a
 * {@code /client} connection or {@code admin}; {@code events}, when present, is sent as the connection's
 * {@code subscribe} right after it opens (comma list of patterns), as the browser SDK sends the union of
 * the patterns its page listens to. Only frames of the measured run (payload
 * {@code "run":"m"}) are counted; latency = the frame's {@code time} ({@code ce_time}) → received.
 */
public final class LoadGenerator {

    private static final String MEASURED = "\"run\":\"m\"";

    private final List<String[]> spec;
    private final ConcurrentHistogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong leaks = new AtomicLong();
    /** Connections the server closed, by close code (a load generator does not reconnect). */
    private final ConcurrentHashMap<Short, AtomicLong> closes = new ConcurrentHashMap<>();

    private final AtomicLongArray perConnection;
    private final List<NioWebSockets.Connection> sockets = new ArrayList<>();
    /** Per connection: its own room's marker in a frame ({@code "startupId":"<room>"}), null for an admin. */
    private final String[] ownRooms;
    /** Count every event frame, marked or not (events that come through a service carry no run marker). */
    private volatile boolean countAll;

    private LoadGenerator(List<String[]> spec) {
        this.spec = spec;
        this.perConnection = new AtomicLongArray(spec.size());
        this.ownRooms = new String[spec.size()];
        for (int i = 0; i < spec.size(); i++) {
            ownRooms[i] = spec.get(i)[2].equals("admin") ? null : "\"startupId\":\"" + spec.get(i)[2] + "\"";
        }
    }

    public static void main(String[] args) throws Exception {
        List<String[]> spec = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (!line.isBlank()) {
                spec.add(line.split("\t"));
            }
        }
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        new LoadGenerator(spec).serve(threads);
    }

    private final List<NioWebSockets> loops = new ArrayList<>();

    private void serve(int threads) throws Exception {
        NioWebSockets.Listener listener = new NioWebSockets.Listener() {
            @Override
            public void onText(NioWebSockets.Connection c, String text) {
                onFrame(text, ownRooms[c.index], c.index);
            }

            @Override
            public void onClosed(NioWebSockets.Connection c, int code) {
                if (!c.closedByClient) {
                    closes.computeIfAbsent((short) code, k -> new AtomicLong()).incrementAndGet();
                }
            }
        };
        for (int i = 0; i < threads; i++) {
            loops.add(new NioWebSockets(listener, "load-generator-" + i));
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = in.readLine()) != null) {
            switch (command.trim()) {
                case "connect" -> connect(loops);
                case "report" -> report();
                case "mark" -> {
                    loops.forEach(NioWebSockets::resetRounds);
                    System.out.println("ok");
                }
                case "count-all" -> {
                    countAll = true;
                    System.out.println("ok");
                }
                case "disconnect" -> {
                    sockets.forEach(NioWebSockets.Connection::close);
                    for (NioWebSockets.Connection c : sockets) {
                        c.ended.get(60, TimeUnit.SECONDS);
                    }
                    sockets.clear();
                    System.out.println("ok");
                }
                case "close" -> {
                    sockets.forEach(NioWebSockets.Connection::close);
                    Thread.sleep(1000);
                    loops.forEach(NioWebSockets::close);
                    System.exit(0);
                }
                default -> System.out.println("error unknown command " + command);
            }
            System.out.flush();
        }
        System.exit(0);
    }

    private void connect(List<NioWebSockets> loops) throws Exception {
        long t0 = System.nanoTime();
        Semaphore inFlight = new Semaphore(512);
        List<CompletableFuture<NioWebSockets.Connection>> pending = new ArrayList<>();
        for (int i = 0; i < spec.size(); i++) {
            String[] s = spec.get(i);
            inFlight.acquire();
            String events = s.length > 4 ? s[4] : "";
            CompletableFuture<NioWebSockets.Connection> f = loops.get(i % loops.size())
                    .connect("127.0.0.1", Integer.parseInt(s[0]), s[1], s[3], i)
                    .thenApply(c -> {
                        if (!events.isBlank()) {
                            c.sendText("{\"op\":\"subscribe\",\"events\":[\"" + String.join("\",\"", events.split(","))
                                    + "\"]}");
                        }
                        return c;
                    });
            f.whenComplete((ws, e) -> inFlight.release());
            pending.add(f);
        }
        int ok = 0;
        int failed = 0;
        String firstFailure = "";
        for (CompletableFuture<NioWebSockets.Connection> f : pending) {
            try {
                sockets.add(f.get(120, TimeUnit.SECONDS));
                ok++;
            } catch (Exception e) {
                if (failed++ == 0) {
                    firstFailure = String.valueOf(e.getCause() != null ? e.getCause() : e)
                            .replace('\n', ' ');
                }
            }
        }
        System.out.printf("connected %d %d %.3f %s%n", ok, failed, (System.nanoTime() - t0) / 1e9, firstFailure);
    }

    private void onFrame(String frame, String ownRoom, int index) {
        if (countAll ? frame.startsWith("{\"event\":\"system:") : !frame.contains(MEASURED)) {
            return;
        }
        Instant received = Instant.now();
        int at = frame.indexOf("\"time\":\"");
        if (at >= 0) {
            Instant time = Instant.parse(frame.substring(at + 8, frame.indexOf('"', at + 8)));
            long micros = (received.getEpochSecond() - time.getEpochSecond()) * 1_000_000
                    + (received.getNano() - time.getNano()) / 1000;
            latency.recordValue(Math.max(0, Math.min(micros, latency.getHighestTrackableValue())));
        }
        if (ownRoom != null && !frame.contains(ownRoom)) {
            leaks.incrementAndGet();
        }
        frames.incrementAndGet();
        perConnection.incrementAndGet(index);
    }

    private void report() throws Exception {
        Histogram h = latency.copy();
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        long[] counts = new long[perConnection.length()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = perConnection.get(i);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("connections", sockets.size());
        r.put("frames", frames.get());
        r.put("leaks", leaks.get());
        Map<String, Long> closed = new TreeMap<>();
        closes.forEach((code, n) -> closed.put(String.valueOf(code), n.get()));
        r.put("closedByServer", closed);
        r.put("cpuSeconds", cpuSeconds());
        r.put(
                "longestLoopRoundMs",
                loops.stream()
                        .mapToDouble(NioWebSockets::longestRoundMillis)
                        .max()
                        .orElse(0));
        r.put(
                "loopRoundsOver10ms",
                loops.stream().mapToLong(NioWebSockets::roundsOver10ms).sum());
        r.put("histogram", Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length)));
        r.put("perConnection", counts);
        System.out.println(new ObjectMapper().writeValueAsString(r));
    }

    /** This process's CPU time, user + system (Linux). */
    static double cpuSeconds() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    static Histogram decode(String base64) throws Exception {
        return Histogram.decodeFromCompressedByteBuffer(
                ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    }
}
