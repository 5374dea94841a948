package org.civstart.sync.rest;

import jakarta.ws.rs.core.Response.Status;

import org.civstart.rest.ApiError;
import org.civstart.rest.ErrorMappers;
import org.civstart.sync.airtable.AirtableRejectedException;
import org.civstart.sync.airtable.AirtableUnavailableException;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Airtable's own failures as JSON: 502 Airtable refused the request, 503 Airtable unreachable.
 * Everything else (400/404/409...) is the platform's contract ({@link ErrorMappers}).
 */
public class AirtableErrorMappers {

    @ServerExceptionMapper
    public RestResponse<ApiError> rejected(AirtableRejectedException e) {
        return ErrorMappers.error(Status.BAD_GATEWAY, "Airtable refused the request: " + e.getMessage(), null);
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> unavailable(AirtableUnavailableException e) {
        return ErrorMappers.error(Status.SERVICE_UNAVAILABLE, "Airtable is unavailable: " + e.getMessage(), null);
    }
}
