package org.civstart.rest;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.TreeMap;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.civstart.events.WireEnum;
import org.hibernate.StaleStateException;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * Every service's failures as {@link ApiError} JSON: 400 names each bad field (Bean Validation,
 * unreadable JSON values, {@link InvalidInputException}), 403, 404, 409 (domain conflicts, stale
 * versions, unique-constraint races), 422 (an {@code Idempotency-Key} reused for another request),
 * 503 while the database cannot be reached, 500 otherwise; and the replayed answer of a retried {@link Idempotent} request. The transaction has rolled back by the time
 * these run, so none of them leaves a row or an event behind.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    private static final int UNPROCESSABLE = 422;

    @ServerExceptionMapper
    public RestResponse<ApiError> validation(ConstraintViolationException e) {
        Map<String, String> fields = new TreeMap<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            fields.merge(fieldName(v.getPropertyPath()), v.getMessage(), (a, b) -> a + "; " + b);
        }
        return error(Status.BAD_REQUEST, "validation failed", fields);
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> invalid(InvalidInputException e) {
        return error(Status.BAD_REQUEST, "validation failed", Map.of(e.field(), e.getMessage()));
    }

    /** A value Jackson could not read: the path to it names the field (e.g. {@code channels.sms}). */
    @ServerExceptionMapper
    public RestResponse<ApiError> json(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("body");
        String message = "has an unreadable value";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidInputException ii) {
                message = ii.getMessage();
            }
        }
        if (e instanceof InvalidFormatException f
                && isWireEnum(f.getTargetType())
                && f.getValue() != null
                && e.getOriginalMessage().startsWith("Cannot deserialize Map key")) {
            // a map key our enum refused (Jackson keeps only our message's text, not the exception):
            // the key is named as the path's last step, the message is the one WireEnums.parse gives
            field = field + "." + f.getValue();
            message = WireEnums.mustBeOneOf((Class<? extends Enum<?>>) f.getTargetType());
        }
        return error(Status.BAD_REQUEST, "validation failed", Map.of(field, message));
    }

    private static boolean isWireEnum(Class<?> type) {
        return type != null && type.isEnum() && WireEnum.class.isAssignableFrom(type);
    }

    /** Quarkus maps these subtypes itself otherwise (to a bare 400): ours name the field. */
    @ServerExceptionMapper
    public RestResponse<ApiError> invalidFormat(InvalidFormatException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> mismatched(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> instantiation(ValueInstantiationException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> malformed(JsonProcessingException e) {
        return error(Status.BAD_REQUEST, "the body is not valid JSON", Map.of("body", "is not valid JSON"));
    }

    /**
     * The JSON reader wraps unreadable bodies (bad syntax, a value our enums refuse) into a bare 400
     * WebApplicationException: name the field. Other WebApplicationExceptions keep their status, with
     * an {@link ApiError} body unless they carry a body of their own.
     */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonMappingException m) {
            return json(m).toResponse();
        }
        if (e.getCause() instanceof JsonProcessingException p) {
            return malformed(p).toResponse();
        }
        if (e.getResponse().hasEntity()) {
            return e.getResponse();
        }
        return error(Status.fromStatusCode(e.getResponse().getStatus()), e.getMessage(), null)
                .toResponse();
    }

    /** 422: an Idempotency-Key sent again with a different request; {@code fields} names what differs. */
    @ServerExceptionMapper
    public RestResponse<ApiError> keyReused(IdempotencyKeyReused e) {
        return RestResponse.ResponseBuilder.<ApiError>create(UNPROCESSABLE)
                .entity(new ApiError(UNPROCESSABLE, "Unprocessable Entity", e.getMessage(), e.fields()))
                .build();
    }

    /** A retry with a used Idempotency-Key: the first request's answer, again. */
    @ServerExceptionMapper
    public Response replay(IdempotentReplay e) {
        Response.ResponseBuilder r = Response.status(e.status()).header(IdempotentReplay.HEADER, "true");
        if (e.location() != null) {
            r.header("Location", e.location());
        }
        if (e.body() != null) {
            r.entity(e.body()).type(MediaType.APPLICATION_JSON_TYPE);
        }
        return r.build();
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> notFound(NotFoundException e) {
        return error(Status.NOT_FOUND, e.getMessage(), null);
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> conflict(ConflictException e) {
        return error(Status.CONFLICT, e.getMessage(), null);
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> forbidden(ForbiddenException e) {
        return error(Status.FORBIDDEN, e.getMessage(), null);
    }

    /** Optimistic lock failures and unique-constraint races that the checks before could not see. */
    @ServerExceptionMapper
    public RestResponse<ApiError> persistence(PersistenceException e) {
        if (databaseUnavailable(e)) {
            return unavailable(e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return error(Status.CONFLICT, "changed concurrently by someone else: reload and retry", null);
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException cv) {
                return error(Status.CONFLICT, "conflicts with existing data (" + cv.getConstraintName() + ")", null);
            }
        }
        LOG.error("persistence failure", e);
        return error(Status.INTERNAL_SERVER_ERROR, "internal error", null);
    }

    /**
     * A JDBC failure outside Hibernate (the outbox, idempotency keys): 503 when the database cannot be
     * reached, else 500; both as {@link ApiError} JSON, the stack trace only in the log.
     */
    @ServerExceptionMapper
    public RestResponse<ApiError> sql(SQLException e) {
        if (databaseUnavailable(e)) {
            return unavailable(e);
        }
        LOG.error("database failure", e);
        return error(Status.INTERNAL_SERVER_ERROR, "internal error", null);
    }

    /** 503 with {@code Retry-After}: the same request (with the same Idempotency-Key) may be sent again. */
    static RestResponse<ApiError> unavailable(Throwable e) {
        LOG.warnf("database unavailable: %s", rootMessage(e));
        return RestResponse.ResponseBuilder.create(
                        Status.SERVICE_UNAVAILABLE,
                        new ApiError(
                                503,
                                Status.SERVICE_UNAVAILABLE.getReasonPhrase(),
                                "the database is unavailable: retry later (with the same Idempotency-Key)",
                                null))
                .header("Retry-After", "1")
                .build();
    }

    /**
     * True when {@code e} comes from a database that cannot be reached or went away: connection
     * failures (SQLSTATE class 08), a server shutting down or starting (57P01-57P03), a pool that could
     * not get a connection in time.
     */
    public static boolean databaseUnavailable(Throwable e) {
        return databaseUnavailable(e, 0);
    }

    /** Walks causes and suppressed exceptions (a failed commit carries the driver's exception as suppressed). */
    private static boolean databaseUnavailable(Throwable e, int depth) {
        for (Throwable t = e; t != null && depth < 20; t = t.getCause() == t ? null : t.getCause(), depth++) {
            for (Throwable s : t.getSuppressed()) {
                if (databaseUnavailable(s, depth + 1)) {
                    return true;
                }
            }
            if (t instanceof JDBCConnectionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
                if (sql.getMessage() != null && sql.getMessage().contains("Acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** {@code create.command.sectors[2].<list element>} → {@code sectors[2]}; a bare parameter keeps its name. */
    static String fieldName(Path path) {
        StringBuilder property = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY) {
                if (node.isInIterable() && !property.isEmpty()) {
                    property.append('[')
                            .append(node.getIndex() == null ? "" : node.getIndex())
                            .append(']');
                }
                property.append(property.isEmpty() ? "" : ".").append(node.getName());
            } else if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                property.append('[')
                        .append(node.getIndex() == null ? "" : node.getIndex())
                        .append(']');
            }
        }
        return property.isEmpty() ? (parameter == null ? "body" : parameter) : property.toString();
    }

    public static RestResponse<ApiError> error(Status status, String message, Map<String, String> fields) {
        return RestResponse.status(
                status, new ApiError(status.getStatusCode(), status.getReasonPhrase(), message, fields));
    }
}
