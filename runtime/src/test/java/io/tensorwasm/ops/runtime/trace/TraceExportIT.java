package io.tensorwasm.ops.runtime.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.tensorwasm.ops.runtime.RuntimeConfig;
import io.tensorwasm.ops.runtime.RuntimeServer;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.WasmCorpus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #18's acceptance: a request's {@code x-trace-id} is answered back, written in its audit
 * record and its error body, carried by its async job, and is the trace id of the spans the runtime
 * exports with the OpenTelemetry SDK to a local OTLP/HTTP receiver, which decodes them with the
 * OTLP protobuf classes. A request without one, or with a malformed one, gets a new id.
 */
class TraceExportIT {

    private static final String TOKEN = "trace-admin-t0ken";
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @TempDir Path dir;

    private HttpServer receiver;
    private final List<ExportTraceServiceRequest> exports = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext(
                "/v1/traces",
                exchange -> {
                    contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
                    exports.add(
                            ExportTraceServiceRequest.parseFrom(
                                    exchange.getRequestBody().readAllBytes()));
                    exchange.sendResponseHeaders(200, -1);
                    exchange.close();
                });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void aRequestsTraceIdIsInItsAnswerAuditRecordErrorBodyJobAndExportedSpans() throws Exception {
        Path audit = dir.resolve("audit.log");
        RuntimeConfig config =
                RuntimeConfig.builder()
                        .port(0)
                        .dataDir(dir.resolve("runtime"))
                        .apiTokens(TOKEN + ":tenant=*")
                        .auditLog("file:" + audit)
                        .otlpEndpoint("http://127.0.0.1:" + receiver.getAddress().getPort())
                        .build();
        String jobTrace = "0af7651916cd43dd8448eb211c80319c";
        String made;
        String replaced;
        String job;
        try (RuntimeServer runtime = RuntimeServer.start(config)) {
            HarnessClient admin = HarnessClient.of(runtime.port()).withToken(TOKEN);
            HttpResponse<String> created =
                    admin.send(
                            admin.request("/functions")
                                    .header("x-trace-id", TRACE.toUpperCase())
                                    .header("Content-Type", "application/json")
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "{\"name\":\"adder\",\"wasm_b64\":\""
                                                            + WasmCorpus.base64("ok")
                                                            + "\"}"))
                                    .build());
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.headers().firstValue("x-trace-id")).contains(TRACE);
            String id = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

            HttpResponse<String> unknown =
                    admin.send(
                            admin.request("/functions/fn_00000000000000000000")
                                    .header("x-trace-id", "not-a-trace-id")
                                    .GET()
                                    .build());
            replaced = unknown.headers().firstValue("x-trace-id").orElseThrow();
            assertThat(replaced).matches("[0-9a-f]{32}");
            assertThat(unknown.body())
                    .isEqualTo(
                            "{\"error\":{\"code\":\"function_not_found\",\"message\":\"fn_00000000000000000000:"
                                    + " no function with this id\",\"trace_id\":\""
                                    + replaced
                                    + "\"}}");

            made = admin.get("/healthz").headers().firstValue("x-trace-id").orElseThrow();
            assertThat(made).matches("[0-9a-f]{32}").isNotEqualTo(replaced);
            // A request no route matches is traced too: its 404 names the trace it answers with.
            HttpResponse<String> nowhere = admin.get("/no/such/route");
            assertThat(nowhere.statusCode()).isEqualTo(404);
            String lost = nowhere.headers().firstValue("x-trace-id").orElseThrow();
            assertThat(nowhere.body()).contains("\"trace_id\":\"" + lost + "\"");

            HttpResponse<String> accepted =
                    admin.send(
                            admin.request("/functions/" + id + "/invoke-async")
                                    .header("x-trace-id", jobTrace)
                                    .header("Content-Type", "application/json")
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "{\"export\":\"add\",\"args\":[2,3]}"))
                                    .build());
            assertThat(accepted.statusCode()).isEqualTo(202);
            job = accepted.body().replaceAll(".*\"job_id\":\"([^\"]+)\".*", "$1");
            Instant until = Instant.now().plusSeconds(10);
            String view;
            do {
                view = admin.get("/jobs/" + job).body();
            } while (!view.contains("\"succeeded\"") && Instant.now().isBefore(until));
            assertThat(view)
                    .contains("\"status\":\"succeeded\"")
                    .contains("\"trace_id\":\"" + jobTrace + "\"");
        }

        List<String> lines = Files.readAllLines(audit);
        assertThat(lines)
                .anyMatch(
                        l ->
                                l.contains("\"action\":\"function.create\"")
                                        && l.contains("\"trace_id\":\"" + TRACE + "\""))
                .anyMatch(
                        l ->
                                l.contains("\"action\":\"function.invoke-async\"")
                                        && l.contains("\"trace_id\":\"" + jobTrace + "\""));

        Map<String, List<Span>> spans = spansByTrace(Duration.ofSeconds(20), TRACE, jobTrace, made);
        assertThat(contentTypes).allMatch("application/x-protobuf"::equals);
        assertThat(spans.get(TRACE))
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.name()).isEqualTo("POST /functions");
                            assertThat(s.attributes())
                                    .containsEntry("http.route", "/functions")
                                    .containsEntry("http.response.status_code", "201");
                            assertThat(s.service()).isEqualTo("tensor-wasm");
                        });
        assertThat(spans.get(made)).extracting(Span::name).containsExactly("GET /healthz");
        List<Span> asyncSpans = spans.get(jobTrace);
        assertThat(asyncSpans)
                .extracting(Span::name)
                .containsExactlyInAnyOrder(
                        "POST /functions/{id}/invoke-async",
                        "job "
                                + asyncSpans.stream()
                                        .filter(s -> s.name().startsWith("job "))
                                        .findFirst()
                                        .orElseThrow()
                                        .name()
                                        .substring(4));
        Span request =
                asyncSpans.stream()
                        .filter(s -> s.name().startsWith("POST"))
                        .findFirst()
                        .orElseThrow();
        Span jobSpan =
                asyncSpans.stream()
                        .filter(s -> s.name().startsWith("job "))
                        .findFirst()
                        .orElseThrow();
        assertThat(jobSpan.parent()).isEqualTo(request.id());
        assertThat(jobSpan.attributes()).containsEntry("tensor_wasm.job_id", job);
    }

    private record Span(
            String trace,
            String id,
            String parent,
            String name,
            String service,
            Map<String, String> attributes) {}

    /** The spans the receiver decoded, by trace id, once every wanted trace has arrived. */
    private Map<String, List<Span>> spansByTrace(Duration wait, String... wanted)
            throws InterruptedException {
        Instant until = Instant.now().plus(wait);
        Map<String, List<Span>> byTrace;
        do {
            Thread.sleep(100);
            List<Span> all = new ArrayList<>();
            for (ExportTraceServiceRequest export : exports) {
                for (ResourceSpans resource : export.getResourceSpansList()) {
                    String service =
                            resource.getResource().getAttributesList().stream()
                                    .filter(a -> a.getKey().equals("service.name"))
                                    .map(a -> a.getValue().getStringValue())
                                    .findFirst()
                                    .orElse("");
                    for (ScopeSpans scope : resource.getScopeSpansList()) {
                        for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
                            all.add(
                                    new Span(
                                            hex(span.getTraceId().toByteArray()),
                                            hex(span.getSpanId().toByteArray()),
                                            hex(span.getParentSpanId().toByteArray()),
                                            span.getName(),
                                            service,
                                            span.getAttributesList().stream()
                                                    .collect(
                                                            Collectors.toMap(
                                                                    KeyValue::getKey,
                                                                    a -> value(a)))));
                        }
                    }
                }
            }
            byTrace = all.stream().collect(Collectors.groupingBy(Span::trace));
        } while (!byTrace.keySet().containsAll(List.of(wanted)) && Instant.now().isBefore(until)
                || byTrace.getOrDefault(wanted[1], List.of()).size() < 2
                        && Instant.now().isBefore(until));
        assertThat(byTrace).as("spans the receiver decoded").containsKeys(wanted);
        return byTrace;
    }

    private static String value(KeyValue a) {
        var v = a.getValue();
        return v.hasIntValue() ? Long.toString(v.getIntValue()) : v.getStringValue();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
