package org.civstart.sync.support;

import java.io.IOException;
import java.util.Map;

import org.civstart.peer.airtable.FakeAirtable;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Quarkus test resource: starts the {@link FakeAirtable} peer and points the Airtable REST client at it. */
public class FakeAirtableResource implements QuarkusTestResourceLifecycleManager {

    private static volatile FakeAirtable peer;

    public static FakeAirtable peer() {
        return peer;
    }

    @Override
    public Map<String, String> start() {
        try {
            peer = FakeAirtable.start();
        } catch (IOException e) {
            throw new IllegalStateException("starting the Airtable peer failed", e);
        }
        return Map.of("quarkus.rest-client.airtable.url", peer.url());
    }

    @Override
    public void stop() {
        if (peer != null) {
            peer.close();
        }
    }
}
