package org.civstart.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The committed files made from the catalog (besides the Kafka AsyncAPI document, see CatalogTest) are current. */
class GeneratedFilesTest {

    private static final String STALE = " is stale: run " + TypeScriptCatalog.REGENERATE + " and commit the result";

    @Test
    void committedWebSocketAsyncApiDocumentMatchesTheCatalog() throws IOException {
        String committed;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(WebSocketAsyncApi.RESOURCE)) {
            assertThat(in)
                    .as(WebSocketAsyncApi.RESOURCE + " is on the classpath")
                    .isNotNull();
            committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(committed).as(WebSocketAsyncApi.RESOURCE + STALE).isEqualTo(WebSocketAsyncApi.generate());
    }

    @Test
    void committedTypeScriptCatalogMatchesTheCatalog() throws IOException {
        // Maven runs tests in the module directory: the SDK is two levels up
        Path file = Path.of("../..", TypeScriptCatalog.PATH);
        assertThat(file).as(TypeScriptCatalog.PATH + " exists").exists();
        assertThat(Files.readString(file)).as(TypeScriptCatalog.PATH + STALE).isEqualTo(TypeScriptCatalog.generate());
    }

    @Test
    void everyWebSocketNameHasAFrameTypeAndARuntimeEntryNamingItsPrimary() {
        String ts = TypeScriptCatalog.generate();
        for (EventType type : EventType.values()) {
            for (String name : type.webSocketNames()) {
                // one frame type per name: its payload (a union when several event types share the name)
                assertThat(ts)
                        .containsPattern("export type " + TypeScriptCatalog.frameTypeName(name) + " = EventFrame<'"
                                + name + "', [A-Za-z| ]*\\b"
                                + type.payloadType().getSimpleName() + "\\b[A-Za-z| ]*>;");
                assertThat(ts).containsPattern("'" + name + "': \\{ types: \\[[^\\]]*'" + type.type() + "'");
                assertThat(ts).contains("primary: '" + type.webSocketName() + "'");
            }
        }
        assertThat(ts.split("export type SignalUpdatedEvent =", -1))
                .as("one type per name")
                .hasSize(2);
        // a legacy alias is typed with the payload of its primary name
        assertThat(ts)
                .contains("export type MatchGeneratedEvent = EventFrame<'match:generated', MatchesGeneratedData>;")
                .contains(
                        "export type SignalMatchGeneratedEvent = EventFrame<'signal:matchGenerated', MatchesGeneratedData>;");
        // primitives are required, references nullable
        assertThat(ts).contains("readonly balance: number;").contains("readonly reason?: string | null;");
    }

    @Test
    void webSocketDocumentDescribesBothChannelsAndTheClientOperations() {
        String doc = WebSocketAsyncApi.generate();
        assertThat(doc)
                .contains("address: /admin")
                .contains("address: /client")
                .contains("send-admin")
                .contains("receive-client")
                .contains("name: system:resumed")
                .contains("name: subscribe")
                .contains("name: match:generated");
        // /client never lists an admins-only event
        String client = doc.substring(doc.indexOf("address: /client"), doc.indexOf("operations:"));
        assertThat(client).doesNotContain("startup.created").contains("credits.updated");
    }
}
