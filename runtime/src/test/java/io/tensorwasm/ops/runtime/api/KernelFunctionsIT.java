package io.tensorwasm.ops.runtime.api;

import static io.tensorwasm.ops.runtime.api.ApiFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.runtime.gpu.GpuMode;
import io.tensorwasm.ops.runtime.gpu.KernelImports;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.WasmCorpus;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wasm functions that mix their own compute with kernels, deployed and invoked over real HTTP on
 * the backend {@code auto} picks here (the CPU), with the kernel series read from {@code /metrics}.
 */
class KernelFunctionsIT {

    private static final String RUN_ONE = "{\"export\":\"run\",\"args\":[1]}";

    @TempDir Path dataDir;
    private RuntimeServices services;

    @BeforeEach
    void open() {
        services = RuntimeServices.open(ApiFixture.config(dataDir).gpu(GpuMode.AUTO).build());
    }

    @AfterEach
    void close() {
        services.close();
    }

    @Test
    void kernelSeriesAreExposedForEveryKernelBeforeAnyDispatch() throws Exception {
        ApiFixture.serve(
                services,
                (port, client) -> {
                    String metrics = client.get("/metrics").body();
                    for (String kernel : KernelImports.KERNELS) {
                        String labels = "{backend=\"cpu\",kernel=\"" + kernel + "\"";
                        assertThat(metrics)
                                .contains("tensor_wasm_kernel_dispatches_total" + labels + "} 0.0")
                                .contains(
                                        "tensor_wasm_kernel_dispatch_duration_seconds_bucket"
                                                + labels
                                                + ",le=\"5.0E-5\"} 0")
                                .contains(
                                        "tensor_wasm_kernel_dispatch_duration_seconds_count"
                                                + labels
                                                + "} 0");
                    }
                });
    }

    @Test
    void functionMixingWasmAndAllFiveKernelsAnswersOverHttp() throws Exception {
        ApiFixture.serve(
                services,
                (port, anonymous) -> {
                    HarnessClient seven = anonymous.withToken(ApiFixture.SEVEN);
                    String id = deploy(seven, "kernel-mix", testModule("kernel-mix"));
                    HttpResponse<String> run =
                            seven.postJson(
                                    "/functions/" + id + "/invoke",
                                    "{\"export\":\"run\",\"args\":[300]}");
                    assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
                    assertThat(result(run)).isEqualTo(kernelMix(300));

                    HttpResponse<String> overrun =
                            seven.postJson(
                                    "/functions/" + id + "/invoke", "{\"export\":\"overrun\"}");
                    assertThat(overrun.statusCode()).isEqualTo(422);
                    assertThat(error(overrun))
                            .isEqualTo(
                                    "trap: kernel-mix.overrun: trapped: x at 65532 + 4 floats in"
                                            + " tensor_wasm.dot: ends at byte 65548, past the"
                                            + " 65536-byte memory");
                    assertThat(seven.get("/metrics").body())
                            .contains(
                                    "tensor_wasm_kernel_dispatches_total{backend=\"cpu\",kernel=\"dot\"} 1.0")
                            .contains(
                                    "tensor_wasm_kernel_dispatches_total{backend=\"cpu\",kernel=\"saxpy\"} 1.0")
                            .contains(
                                    "tensor_wasm_kernel_dispatch_duration_seconds_count{backend=\"cpu\",kernel=\"matmul\"} 1");
                });
    }

    @Test
    void matmulThroughTheKernelMatchesThePureWasmMatmul() throws Exception {
        ApiFixture.serve(
                services,
                (port, anonymous) -> {
                    HarnessClient seven = anonymous.withToken(ApiFixture.SEVEN);
                    String pure = deploy(seven, "matmul", WasmCorpus.bytes("matmul"));
                    String kernel =
                            deploy(seven, "matmul-kernel", WasmCorpus.bytes("matmul-kernel"));
                    // A deployed function starts on the interpreter, over 100 times slower on this
                    // loop, and the fixture's deadline is 300 ms: compare the compiled code, as a
                    // warm function runs (issue #22).
                    result(seven.postJson("/functions/" + pure + "/invoke", RUN_ONE));
                    result(seven.postJson("/functions/" + kernel + "/invoke", RUN_ONE));
                    awaitCompiles();
                    String call = "{\"export\":\"run\",\"args\":[48]}";
                    float wasm = result(seven.postJson("/functions/" + pure + "/invoke", call));
                    float host = result(seven.postJson("/functions/" + kernel + "/invoke", call));
                    assertThat(wasm).isEqualTo(checksum(48, false));
                    assertThat(host).isEqualTo(checksum(48, true));
                    assertThat((double) host)
                            .isCloseTo(wasm, org.assertj.core.api.Assertions.within(1e-3));
                });
    }

    private void awaitCompiles() throws InterruptedException {
        for (int i = 0; i < 6_000 && services.registry().compiling() > 0; i++) {
            Thread.sleep(10);
        }
        assertThat(services.registry().compiling()).as("functions still compiling").isZero();
    }

    /** kernel-mix.run(n) as the CPU backend computes it: fma, float adds, dot and sum in double. */
    private static float kernelMix(int n) {
        float[] x = new float[n];
        float[] y = new float[n];
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 0.5f;
            y[i] = Math.fma(2f, x[i], 1f - (i % 4));
            out[i] = x[i] + y[i];
        }
        float c = 0;
        double dot = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            c = Math.fma(x[i], out[i], c);
            dot += (double) out[i] * x[i];
            sum += y[i];
        }
        return ((float) dot + (float) sum) + 0.5f * c;
    }

    /** The matmul modules' checksum, with the product as pure Wasm or the kernel computes it. */
    private static float checksum(int n, boolean fused) {
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = (i % 7) * 0.25f - 0.5f;
            b[i] = (i % 5) * 0.5f - 1f;
        }
        float total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                float c = 0;
                for (int k = 0; k < n; k++) {
                    c =
                            fused
                                    ? Math.fma(a[i * n + k], b[k * n + j], c)
                                    : c + a[i * n + k] * b[k * n + j];
                }
                total += c * (float) ((i * n + j) % 3 + 1);
            }
        }
        return total;
    }

    private static float result(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getJsonArray("result").getNumber(0).floatValue();
    }

    private static String deploy(HarnessClient client, String name, byte[] wasm) throws Exception {
        HttpResponse<String> response =
                client.postJson(
                        "/functions",
                        new JsonObject()
                                .put("name", name)
                                .put("wasm_b64", Base64.getEncoder().encodeToString(wasm))
                                .encode());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new JsonObject(response.body()).getString("id");
    }

    private static byte[] testModule(String name) {
        try (InputStream in =
                KernelFunctionsIT.class.getResourceAsStream("/modules/" + name + ".wasm")) {
            if (in == null) {
                throw new IllegalArgumentException(name + ".wasm: no such test module");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
