package org.civstart.sync.airtable;

import java.io.IOException;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.civstart.sync.SyncConfig;
import org.civstart.sync.airtable.AirtableDtos.CreatedWebhook;
import org.civstart.sync.airtable.AirtableDtos.PayloadPage;
import org.civstart.sync.airtable.AirtableDtos.RecordPage;
import org.civstart.sync.airtable.AirtableDtos.RefreshedWebhook;
import org.civstart.sync.airtable.AirtableDtos.Specification;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The only way to call Airtable. Every request waits for a slot of its base's rate limit
 * ({@link BaseRateLimiter}); a 429 pauses the base for {@code civstart.sync.airtable.rate-limit-pause}
 * and the request is sent again; 5xx, timeouts and connection failures are retried by SmallRye
 * Fault Tolerance ({@code @Retry}, tunable under {@code quarkus.fault-tolerance."org.civstart.sync.airtable.AirtableApi".retry.*});
 * other 4xx answers become {@link AirtableRejectedException}.
 *
 * <p>Metric: {@code airtable_requests_total{operation,outcome}} (outcome: ok, rate_limited,
 * server_error, unreachable, rejected).
 */
@ApplicationScoped
public class AirtableApi {

    private static final Logger LOG = Logger.getLogger(AirtableApi.class);

    @Inject
    @RestClient
    AirtableClient client;

    @Inject
    BaseRateLimiter limiter;

    @Inject
    SyncConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    ObjectMapper json;

    /** Not retried: a retry after a lost answer would create a second webhook. */
    public CreatedWebhook createWebhook(String baseId, String tableId, String notificationUrl) {
        return call(
                baseId,
                "create_webhook",
                () -> client.createWebhook(
                        baseId, new AirtableDtos.CreateWebhook(notificationUrl, Specification.tableData(tableId))));
    }

    @Retry(maxRetries = 3, delay = 1000, jitter = 250, retryOn = AirtableUnavailableException.class)
    public PayloadPage payloads(String baseId, String webhookId, long cursor) {
        return call(
                baseId, "list_payloads", () -> client.payloads(baseId, webhookId, cursor, config.payloadPageSize()));
    }

    @Retry(maxRetries = 3, delay = 1000, jitter = 250, retryOn = AirtableUnavailableException.class)
    public RefreshedWebhook refresh(String baseId, String webhookId) {
        return call(baseId, "refresh_webhook", () -> client.refresh(baseId, webhookId));
    }

    @Retry(maxRetries = 3, delay = 1000, jitter = 250, retryOn = AirtableUnavailableException.class)
    public void deleteWebhook(String baseId, String webhookId) {
        call(baseId, "delete_webhook", () -> {
            client.deleteWebhook(baseId, webhookId);
            return null;
        });
    }

    @Retry(maxRetries = 3, delay = 1000, jitter = 250, retryOn = AirtableUnavailableException.class)
    public RecordPage records(String baseId, String tableId, String offset) {
        return call(
                baseId, "list_records", () -> client.records(baseId, tableId, offset, config.recordsPageSize(), true));
    }

    private <T> T call(String baseId, String operation, Supplier<T> request) {
        int rateLimited = 0;
        while (true) {
            try (BaseRateLimiter.Permit ignored = limiter.acquire(baseId)) {
                T result = request.get();
                count(operation, "ok");
                return result;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AirtableUnavailableException(operation + " interrupted", e);
            } catch (WebApplicationException e) {
                int status = e.getResponse().getStatus();
                if (status == 429) {
                    count(operation, "rate_limited");
                    limiter.pause(baseId, config.rateLimitPause());
                    LOG.warnf(
                            "Airtable answered 429 to %s for base %s: pausing the base for %s",
                            operation, baseId, config.rateLimitPause());
                    if (++rateLimited > config.maxRateLimitRetries()) {
                        throw new AirtableUnavailableException(
                                operation + ": still rate limited after " + rateLimited + " attempts", e);
                    }
                    continue;
                }
                if (status >= 500) {
                    count(operation, "server_error");
                    throw new AirtableUnavailableException(operation + ": Airtable answered " + status, e);
                }
                count(operation, "rejected");
                String type = errorType(e);
                throw new AirtableRejectedException(
                        operation + ": Airtable answered " + status + (type == null ? "" : " " + type), status, type);
            } catch (ProcessingException e) {
                count(operation, "unreachable");
                throw new AirtableUnavailableException(operation + ": " + e.getMessage(), e);
            }
        }
    }

    /** Airtable errors look like {@code {"error":{"type":"NOT_FOUND","message":...}}} or {@code {"error":"NOT_FOUND"}}. */
    private String errorType(WebApplicationException e) {
        try {
            String body = e.getResponse().readEntity(String.class);
            JsonNode error = json.readTree(body).path("error");
            if (error.isTextual()) {
                return error.asText();
            }
            JsonNode type = error.path("type");
            return type.isTextual() ? type.asText() : null;
        } catch (RuntimeException | IOException ignored) {
            return null;
        }
    }

    private void count(String operation, String outcome) {
        registry.counter("airtable.requests", "operation", operation, "outcome", outcome)
                .increment();
    }
}
