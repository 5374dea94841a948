package org.civstart.sync.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.civstart.testing.RealKafkaAndPostgres;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every sync-service test runs against the same real parts (so Quarkus starts once for all of
 * them): Kafka, PostgreSQL (database {@code sync_service}) and the Airtable peer.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@QuarkusTest
@WithTestResource(
        value = RealKafkaAndPostgres.class,
        initArgs = @ResourceArg(name = "database", value = "sync_service"))
@WithTestResource(FakeAirtableResource.class)
public @interface SyncTest {}
