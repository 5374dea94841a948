package org.civstart.observability;

import java.net.URI;
import java.util.Collection;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;

/**
 * Where finished spans go: OTLP over HTTP ({@code <endpoint>/v1/traces}, protobuf) when
 * {@code civstart.tracing.otlp-endpoint} is set, nowhere otherwise. One property turns export on;
 * tracing itself is always on, so events carry {@code ce_traceparent} and logs carry trace ids either way.
 *
 * <p>Quarkus' OpenTelemetry extension uses the application's {@link SpanExporter} beans (exporter
 * {@code cdi}, its default) in a batch span processor, and steps its own gRPC exporter aside when one
 * exists. Ours exists so that "no endpoint" means "no export" rather than retries against
 * {@code localhost:4317}.
 */
@Singleton
@Unremovable
public class OtlpTraceExport implements SpanExporter {

    private static final Logger LOG = Logger.getLogger(OtlpTraceExport.class);

    @ConfigProperty(name = "civstart.tracing.otlp-endpoint")
    Optional<URI> endpoint;

    private SpanExporter otlp;

    @PostConstruct
    void start() {
        endpoint.ifPresent(base -> {
            String url = base.toString().replaceAll("/+$", "") + "/v1/traces";
            otlp = OtlpHttpSpanExporter.builder().setEndpoint(url).build();
            LOG.infof("exporting traces to %s (OTLP/HTTP)", url);
        });
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return otlp == null ? CompletableResultCode.ofSuccess() : otlp.export(spans);
    }

    @Override
    public CompletableResultCode flush() {
        return otlp == null ? CompletableResultCode.ofSuccess() : otlp.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return otlp == null ? CompletableResultCode.ofSuccess() : otlp.shutdown();
    }
}
