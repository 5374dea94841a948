package org.civstart.sync.rest;

import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.civstart.sync.airtable.AirtableRejectedException;
import org.civstart.sync.airtable.AirtableUnavailableException;
import org.civstart.sync.domain.ConflictException;
import org.civstart.sync.domain.InvalidInputException;
import org.civstart.sync.domain.NotFoundException;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * Failures as JSON: 400 names each bad field, 404 unknown id, 409 conflict, 502 Airtable refused
 * the request, 503 Airtable unreachable. None of them leaves a row or an event behind.
 */
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

    /** Unreadable JSON bodies arrive wrapped in a bare 400; ours names the field. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonMappingException jm) {
            String field = jm.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b).orElse("body");
            return error(Status.BAD_REQUEST, "validation failed", Map.of(field, "has an unreadable value")).toResponse();
        }
        if (e.getCause() instanceof JsonProcessingException) {
            return error(Status.BAD_REQUEST, "the body is not valid JSON", Map.of("body", "is not valid JSON")).toResponse();
        }
        return e.getResponse();
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
    public RestResponse<ApiError> rejected(AirtableRejectedException e) {
        return error(Status.BAD_GATEWAY, "Airtable refused the request: " + e.getMessage(), null);
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> unavailable(AirtableUnavailableException e) {
        return error(Status.SERVICE_UNAVAILABLE, "Airtable is unavailable: " + e.getMessage(), null);
    }

    /** {@code register.request.baseId} → {@code baseId}; a bare parameter keeps its name. */
    static String fieldName(Path path) {
        String property = null;
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY) {
                property = property == null ? node.getName() : property + "." + node.getName();
            }
        }
        return property != null ? property : parameter != null ? parameter : "body";
    }

    static RestResponse<ApiError> error(Status status, String message, Map<String, String> fields) {
        return RestResponse.status(status, new ApiError(status.getStatusCode(), status.getReasonPhrase(), message, fields));
    }
}
