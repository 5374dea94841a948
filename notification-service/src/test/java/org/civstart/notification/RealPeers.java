package org.civstart.notification;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.civstart.notification.support.Peers;
import org.civstart.testing.RealKafkaAndPostgres;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;

/**
 * The real peers of every test class (one application start for all): Kafka, PostgreSQL, an SMTP
 * server and the SMS and push providers' HTTP servers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithTestResource(
        value = RealKafkaAndPostgres.class,
        initArgs = @ResourceArg(name = "database", value = "notification_service"))
@WithTestResource(Peers.class)
public @interface RealPeers {}
