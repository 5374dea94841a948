package org.civstart.chaos.system;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import org.civstart.testing.PrometheusText;
import org.civstart.testing.ServiceProcess;

/**
 * A packaged service ({@code <module>/target/quarkus-app}) as its own process on a port that stays
 * the same across restarts, so clients that know its address find it again after a kill.
 */
public final class Service implements AutoCloseable {

    private final String name;
    private final String module;
    private final int port;
    private final Map<String, String> config;
    private final String[] jvmArgs;
    private volatile ServiceProcess process;

    public Service(String name, String module, Map<String, String> config, String... jvmArgs) {
        this.name = name;
        this.module = module;
        this.port = Ports.free();
        this.config = new HashMap<>(config);
        this.jvmArgs = jvmArgs;
    }

    /** Starts the process and waits until {@code /q/health/ready} answers 200 (a second try if the first start fails). */
    public synchronized Service start() throws IOException {
        if (process != null && process.process().isAlive()) {
            return this;
        }
        try {
            process = ServiceProcess.start(name, ServiceProcess.jarOf(module), port, config, jvmArgs);
        } catch (IllegalStateException first) {
            System.err.println(name + " did not become ready, starting it again: " + first.getMessage());
            process = ServiceProcess.start(name, ServiceProcess.jarOf(module), port, config, jvmArgs);
        }
        return this;
    }

    /** kill -9: no shutdown hook runs, in-flight requests and transactions are cut. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.kill();
        }
    }

    /** SIGTERM: a graceful shutdown. */
    public synchronized void stop() {
        if (process != null) {
            process.close();
        }
    }

    public boolean isAlive() {
        return process != null && process.process().isAlive();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public String ws(String path) {
        return "ws://localhost:" + port + path;
    }

    public ServiceProcess process() {
        return process;
    }

    /** The Prometheus text of {@code /q/metrics}. */
    public String metrics() throws IOException, InterruptedException {
        HttpResponse<String> r = process.get("/q/metrics");
        return r.body();
    }

    /** The sum of every sample of {@code metric} (any labels) whose label text contains {@code labelFilter}. */
    public double metric(String metric, String labelFilter) throws IOException, InterruptedException {
        return PrometheusText.sum(metrics(), metric, labelFilter);
    }

    @Override
    public void close() {
        stop();
    }
}
