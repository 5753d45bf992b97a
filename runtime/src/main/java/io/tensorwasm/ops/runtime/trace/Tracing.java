package io.tensorwasm.ops.runtime.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The runtime's spans (issue #18): one per request, named by its route template, and one per async
 * job, each with the request's {@code x-trace-id} as its trace id. With {@code
 * OTEL_EXPORTER_OTLP_ENDPOINT} set they are exported there over OTLP/HTTP by the OpenTelemetry
 * SDK's batch processor ({@code ENDPOINT/v1/traces}); without it nothing is recorded or sent.
 *
 * <pre>{@code
 * try (Tracing tracing = Tracing.open("http://collector:4318", "v0.1.0")) {
 *     Tracing.Request span = tracing.request(traceId, "POST");
 *     span.end("/functions/{id}/invoke", 200);
 * }
 * }</pre>
 */
public final class Tracing implements AutoCloseable {

    private static final AttributeKey<String> METHOD =
            AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<Long> STATUS =
            AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> JOB = AttributeKey.stringKey("tensor_wasm.job_id");
    private static final AttributeKey<String> FUNCTION =
            AttributeKey.stringKey("tensor_wasm.function_id");

    /** The trace id the next root span on this thread takes: the request's. */
    private static final ThreadLocal<String> NEXT_TRACE = new ThreadLocal<>();

    private final SdkTracerProvider provider;
    private final Tracer tracer;

    private Tracing(SdkTracerProvider provider) {
        this.provider = provider;
        this.tracer = provider == null ? null : provider.get("io.tensorwasm.ops.runtime");
    }

    /** No spans: what a runtime without {@code OTEL_EXPORTER_OTLP_ENDPOINT} uses. */
    public static Tracing off() {
        return new Tracing(null);
    }

    /**
     * Spans exported to an OTLP/HTTP endpoint ({@code http://collector:4318}); an empty endpoint is
     * {@link #off()}.
     */
    public static Tracing open(String endpoint, String version) {
        if (endpoint == null || endpoint.isBlank()) {
            return off();
        }
        String base = endpoint.strip().replaceAll("/+$", "");
        OtlpHttpSpanExporter exporter =
                OtlpHttpSpanExporter.builder()
                        .setEndpoint(base + "/v1/traces")
                        .setTimeout(Duration.ofSeconds(10))
                        .build();
        SdkTracerProvider provider =
                SdkTracerProvider.builder()
                        .setResource(
                                Resource.getDefault()
                                        .merge(
                                                Resource.create(
                                                        Attributes.of(
                                                                AttributeKey.stringKey(
                                                                        "service.name"),
                                                                "tensor-wasm",
                                                                AttributeKey.stringKey(
                                                                        "service.version"),
                                                                version))))
                        .setIdGenerator(new RequestIds())
                        .addSpanProcessor(
                                BatchSpanProcessor.builder(exporter)
                                        .setScheduleDelay(Duration.ofMillis(500))
                                        .build())
                        .build();
        return new Tracing(provider);
    }

    /** True when spans are exported. */
    public boolean exporting() {
        return provider != null;
    }

    /** Starts the span of a request whose trace id is given; its name is set when it ends. */
    public Request request(String traceId, String method) {
        if (tracer == null) {
            return new Request(null);
        }
        NEXT_TRACE.set(traceId);
        try {
            Span span =
                    tracer.spanBuilder(method)
                            .setNoParent()
                            .setSpanKind(SpanKind.SERVER)
                            .setAttribute(METHOD, method)
                            .startSpan();
            return new Request(span);
        } finally {
            NEXT_TRACE.remove();
        }
    }

    /** A request's span. */
    public final class Request {
        private final Span span;

        private Request(Span span) {
            this.span = span;
        }

        /** Ends it, named {@code METHOD ROUTE}, with the answered status. */
        public void end(String method, String route, int status) {
            if (span == null) {
                return;
            }
            span.updateName(method + " " + route);
            span.setAttribute(ROUTE, route);
            span.setAttribute(STATUS, (long) status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }

        /**
         * Starts the span of an async job the request accepted, a child of the request's span that
         * ends when the job does.
         */
        public Job job(String jobId, String functionId) {
            if (span == null) {
                return new Job(null);
            }
            return new Job(
                    tracer.spanBuilder("job " + functionId)
                            .setParent(Context.root().with(span))
                            .setSpanKind(SpanKind.INTERNAL)
                            .setAttribute(JOB, jobId)
                            .setAttribute(FUNCTION, functionId)
                            .startSpan());
        }
    }

    /** An async job's span. */
    public static final class Job {
        private final Span span;

        private Job(Span span) {
            this.span = span;
        }

        /** Ends it, an error when the job failed. */
        public void end(String failure) {
            if (span == null) {
                return;
            }
            if (failure != null) {
                span.setStatus(StatusCode.ERROR, failure);
            }
            span.end();
        }
    }

    /** Sends what is queued and stops. */
    @Override
    public void close() {
        if (provider != null) {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    /** Root spans take the request's trace id; everything else is random, as the SDK's own. */
    private static final class RequestIds implements IdGenerator {
        private final IdGenerator random = IdGenerator.random();

        @Override
        public String generateSpanId() {
            return random.generateSpanId();
        }

        @Override
        public String generateTraceId() {
            String next = NEXT_TRACE.get();
            return next != null ? next : random.generateTraceId();
        }
    }
}
