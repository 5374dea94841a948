package org.civstart.e2e;

import java.util.Map;

import org.civstart.testing.ServiceProcess;

/** A realtime-gateway process on a fixed port, which a test may stop (graceful: 1001), kill (a crash) and start again. */
final class GatewayReplica implements ControlServer.Replica, AutoCloseable {

    private final String name;
    private final int port;
    private final Map<String, String> config;
    private volatile ServiceProcess process;

    GatewayReplica(String name, Map<String, String> config) {
        this.name = name;
        this.port = ServiceProcess.freePort();
        this.config = config;
    }

    String url() {
        return "http://localhost:" + port;
    }

    /**
     * Starts the replica and waits until it is ready. On a machine under heavy load its first Kafka
     * metadata request can time out, after which a gateway stays unready: then it is started again
     * (up to three times).
     */
    @Override
    public synchronized void start() throws Exception {
        if (process != null && process.process().isAlive()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                process = ServiceProcess.start(
                        name, ServiceProcess.jarOf("realtime-gateway"), port, config, "-Xmx512m", "-XX:+UseParallelGC");
                return;
            } catch (IllegalStateException e) {
                if (attempt == 3) {
                    throw e;
                }
                System.err.println(
                        name + " did not become ready (attempt " + attempt + "), starting it again: " + e.getMessage());
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (process != null) {
            process.close();
        }
    }

    @Override
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.kill();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
