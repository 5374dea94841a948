package org.civstart.notification.rest;

import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.Response.Status;

import org.civstart.notification.domain.InvalidInputException;
import org.civstart.notification.domain.NotFoundException;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

/** Failures as JSON: 400 names each bad field, 403 another's data, 404 unknown id. The transaction has rolled back. */
public class ErrorMappers {

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
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body");
        String message = "has an unreadable value";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidInputException ii) {
                message = ii.getMessage();
            }
        }
        return error(Status.BAD_REQUEST, "validation failed", Map.of(field, message));
    }

    /** Also for the subtypes Quarkus maps itself otherwise (a field that does not parse as its type). */
    @ServerExceptionMapper
    public RestResponse<ApiError> invalidFormat(com.fasterxml.jackson.databind.exc.InvalidFormatException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> instantiation(com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> malformed(JsonProcessingException e) {
        return error(Status.BAD_REQUEST, "the body is not valid JSON", Map.of("body", "is not valid JSON"));
    }

    /** Quarkus wraps some body-reading failures (e.g. a value our enums refuse) into a 400 of its own: name the field. */
    @ServerExceptionMapper
    public RestResponse<ApiError> web(jakarta.ws.rs.WebApplicationException e) {
        if (e.getCause() instanceof JsonMappingException m) {
            return json(m);
        }
        if (e.getCause() instanceof JsonProcessingException) {
            return malformed((JsonProcessingException) e.getCause());
        }
        return error(Status.fromStatusCode(e.getResponse().getStatus()), e.getMessage(), null);
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> notFound(NotFoundException e) {
        return error(Status.NOT_FOUND, e.getMessage(), null);
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> forbidden(ForbiddenException e) {
        return error(Status.FORBIDDEN, e.getMessage(), null);
    }

    /** {@code put.arg1.email} → {@code email}; a bare parameter keeps its name. */
    static String fieldName(Path path) {
        StringBuilder property = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY) {
                property.append(property.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return property.isEmpty() ? (parameter == null ? "body" : parameter) : property.toString();
    }

    static RestResponse<ApiError> error(Status status, String message, Map<String, String> fields) {
        return RestResponse.status(status, new ApiError(status.getStatusCode(), status.getReasonPhrase(), message, fields));
    }
}
