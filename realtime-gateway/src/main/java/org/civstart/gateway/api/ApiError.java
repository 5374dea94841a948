package org.civstart.gateway.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** The body of every refusal of the gateway's HTTP API: {@code {"error":"forbidden","message":"…"}}. */
public record ApiError(String error, String message) {

    public static Response response(int status, String error, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(error, message))
                .build();
    }

    /** The same body, written by hand where no JAX-RS is involved (Vert.x failure handlers). */
    public String json() {
        return "{\"error\":\"" + escape(error) + "\",\"message\":\"" + escape(message) + "\"}";
    }

    private static String escape(String s) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(s == null ? "" : s));
    }
}
