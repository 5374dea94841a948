package org.civstart.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.persistence.PersistenceException;

import org.hibernate.exception.JDBCConnectionException;
import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.Test;

/**
 * While PostgreSQL is down or restarting a service answers a clean 503 (JSON body, Retry-After, no
 * stack trace) instead of a 500; other database failures stay 500. The chaos suite's PostgreSQL
 * restart scenario checks the same against the running services.
 */
class DatabaseUnavailableTest {

    private final ErrorMappers mappers = new ErrorMappers();

    @Test
    void connectionFailuresAreA503WithRetryAfterAndAJsonBody() {
        for (SQLException down : new SQLException[] {
            new SQLException("Connection to localhost:5432 refused", "08001"),
            new SQLException("An I/O error occurred while sending to the backend.", "08006"),
            new SQLException("FATAL: terminating connection due to administrator command", "57P01"),
            new SQLException("FATAL: the database system is starting up", "57P03"),
            new SQLException("Acquisition timeout while waiting for new connection"),
            new SQLTransientConnectionException("no connection")
        }) {
            RestResponse<ApiError> r = mappers.sql(down);
            assertThat(r.getStatus()).as(down.getMessage()).isEqualTo(503);
            assertThat(r.getEntity().status()).isEqualTo(503);
            assertThat(r.getEntity().message()).doesNotContain("Exception").doesNotContain(down.getMessage());
            assertThat(r.getHeaderString("Retry-After")).isEqualTo("1");
        }
    }

    @Test
    void hibernateAndWrappedConnectionFailuresAreA503Too() {
        SQLException refused = new SQLException("Connection refused", "08001");
        assertThat(mappers.persistence(new JDBCConnectionException("could not open connection", refused))
                        .getStatus())
                .isEqualTo(503);
        assertThat(mappers.persistence(new PersistenceException("flush failed", new RuntimeException(refused)))
                        .getStatus())
                .isEqualTo(503);
    }

    @Test
    void aCommitThatFailedBecauseTheServerWentAwayIsRecognised() {
        // Narayana: RollbackException "Could not commit transaction", the driver's exception only as suppressed
        Exception commit = new IllegalStateException("Could not commit transaction");
        commit.addSuppressed(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        assertThat(ErrorMappers.databaseUnavailable(new RuntimeException("Error invoking subclass method", commit)))
                .isTrue();
        assertThat(ErrorMappers.databaseUnavailable(new RuntimeException("boom", new IllegalStateException("no"))))
                .isFalse();
    }

    @Test
    void otherDatabaseFailuresStayA500() {
        RestResponse<ApiError> r = mappers.sql(new SQLException("syntax error at or near \"selec\"", "42601"));
        assertThat(r.getStatus()).isEqualTo(500);
        assertThat(r.getEntity().message()).isEqualTo("internal error");
        assertThat(mappers.persistence(new PersistenceException("boom")).getStatus())
                .isEqualTo(500);
    }
}
