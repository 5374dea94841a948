package org.civstart.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes every file generated from the event catalog, so one command keeps them all in step:
 * {@code ./mvnw -q -pl platform/events compile exec:java}. They are committed, and tests fail when one is
 * stale: the AsyncAPI document of the Kafka topics ({@link AsyncApi}), the AsyncAPI document of the
 * gateway's WebSocket channels ({@link WebSocketAsyncApi}) and the browser SDK's event types
 * ({@link TypeScriptCatalog}).
 */
public final class GeneratedFiles {

    private GeneratedFiles() {}

    /** @param args the platform/events module directory (default: the working directory) */
    public static void main(String[] args) throws IOException {
        Path module = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path resources = module.resolve("src/main/resources");
        write(resources.resolve(AsyncApi.RESOURCE), AsyncApi.generate());
        write(resources.resolve(WebSocketAsyncApi.RESOURCE), WebSocketAsyncApi.generate());
        write(module.resolve("../..").resolve(TypeScriptCatalog.PATH).normalize(), TypeScriptCatalog.generate());
    }

    private static void write(Path target, String content) throws IOException {
        Files.createDirectories(target.getParent());
        if (Files.exists(target) && Files.readString(target).equals(content)) {
            System.out.println("unchanged " + target);
            return;
        }
        Files.writeString(target, content);
        System.out.println("wrote " + target);
    }
}
