package org.civstart.sync.rest;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Every error body: {@code {"status":400,"error":"Bad Request","message":"...","fields":{"baseId":"..."}}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String error, String message, Map<String, String> fields) {
}
