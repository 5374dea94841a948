package org.civstart.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code ./run-local watch admin} / {@code ./run-local watch startup <id>}: connects to the local
 * gateway like a browser would and prints every frame as it arrives.
 */
final class Watch {

    private Watch() {}

    static void run(Path keyDir, String[] args) throws Exception {
        String role = args.length > 1 ? args[1] : "admin";
        String[] tokenArgs = args.length > 2 ? new String[] {"token", role, args[2]} : new String[] {"token", role};
        String token = Tokens.mint(keyDir, tokenArgs);
        String path = role.equals("admin") ? "/admin" : "/client";
        URI uri = URI.create("ws://localhost:" + LocalStack.GATEWAY + path);
        CompletableFuture<Void> done = new CompletableFuture<>();
        HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            System.out.println(partial);
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                        System.out.println("closed: " + code + " " + reason);
                        done.complete(null);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        System.out.println("error: " + error);
                        done.complete(null);
                    }
                })
                .join();
        System.err.println("connected to " + uri + " — waiting for events (Ctrl-C to stop)");
        done.join();
    }
}
