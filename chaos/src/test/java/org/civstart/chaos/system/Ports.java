package org.civstart.chaos.system;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A free TCP port. Retried: on a machine where other load left tens of thousands of sockets in
 * TIME_WAIT, binding to port 0 can fail now and then ("Address already in use").
 */
final class Ports {

    private Ports() {}

    static int free() {
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress("localhost", 0));
                return s.getLocalPort();
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new IllegalStateException("no free port", last);
    }
}
