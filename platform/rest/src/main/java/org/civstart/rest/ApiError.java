package org.civstart.rest;

import java.util.Map;

/**
 * The body of every error answer: {@code {"status":400,"error":"Bad Request","message":…,"fields":{"title":"must not be blank"}}}.
 * {@code fields} names each bad field (400 only).
 */
public record ApiError(int status, String error, String message, Map<String, String> fields) {}
