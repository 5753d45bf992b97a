package io.tensorwasm.ops.runtime.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each kernel through its host import against a double-precision reference, on random inputs whose
 * sizes straddle the CUDA block (256) and tile (16); tolerances are those of docs/KERNELS.md.
 */
class KernelsTest {

    private static final int X = 0;
    private static final int Y = 32_768;
    private static final int OUT = 65_536;
    private static final double EPSILON = Math.scalb(1.0, -24);

    private final GuestKernels guest = new GuestKernels("kernels");
    private final Random random = new Random(10);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 255, 256, 257, 1000, 4097})
    void saxpyRoundsEachElementOnce(int n) {
        float a = random.nextFloat() * 4 - 2;
        float[] x = vector(n);
        float[] y = vector(n);
        guest.write(X, x);
        guest.write(Y, y);
        guest.call("saxpy", n, a, X, Y);
        float[] got = guest.read(Y, n);
        for (int i = 0; i < n; i++) {
            double exact = (double) a * x[i] + y[i];
            assertThat((double) got[i]).isCloseTo(exact, within(Math.ulp((float) exact) * 0.5));
        }
        assertThat(guest.read(X, n)).isEqualTo(x);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 255, 256, 257, 1000, 4097})
    void vecAddRoundsEachElementOnce(int n) {
        float[] x = vector(n);
        float[] y = vector(n);
        guest.write(X, x);
        guest.write(Y, y);
        guest.call("vec_add", n, X, Y, OUT);
        float[] got = guest.read(OUT, n);
        for (int i = 0; i < n; i++) {
            assertThat(got[i]).isEqualTo((float) ((double) x[i] + y[i]));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 255, 256, 257, 1000, 4097})
    void dotIsWithinTheStatedToleranceOfTheExactSum(int n) {
        float[] x = vector(n);
        float[] y = vector(n);
        guest.write(X, x);
        guest.write(Y, y);
        double exact = 0;
        double magnitude = 0;
        for (int i = 0; i < n; i++) {
            exact += (double) x[i] * y[i];
            magnitude += Math.abs((double) x[i] * y[i]);
        }
        assertThat((double) guest.call("dot", n, X, Y))
                .isCloseTo(exact, within(16 * EPSILON * magnitude + Float.MIN_VALUE));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 255, 256, 257, 1000, 4097})
    void sumIsWithinTheStatedToleranceOfTheExactSum(int n) {
        float[] x = vector(n);
        guest.write(X, x);
        double exact = 0;
        double magnitude = 0;
        for (float value : x) {
            exact += value;
            magnitude += Math.abs(value);
        }
        assertThat((double) guest.call("sum", n, X))
                .isCloseTo(exact, within(16 * EPSILON * magnitude + Float.MIN_VALUE));
    }

    @ParameterizedTest
    @CsvSource({"1,1,1", "16,16,16", "17,33,15", "37,53,29", "1,100,1", "64,1,64", "3,0,5"})
    void matmulIsWithinTheStatedToleranceOfTheExactProduct(int m, int k, int n) {
        float[] a = vector(m * k);
        float[] b = vector(k * n);
        guest.write(X, a);
        guest.write(Y, b);
        guest.write(OUT, vector(m * n));
        guest.call("matmul", m, k, n, X, Y, OUT);
        float[] got = guest.read(OUT, m * n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = 0;
                double magnitude = 0;
                for (int p = 0; p < k; p++) {
                    exact += (double) a[i * k + p] * b[p * n + j];
                    magnitude += Math.abs((double) a[i * k + p] * b[p * n + j]);
                }
                assertThat((double) got[i * n + j])
                        .as("c[%d][%d]", i, j)
                        .isCloseTo(exact, within(k * EPSILON * magnitude + Float.MIN_VALUE));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"17,33,15", "37,53,29"})
    void matmulAccumulatesInIncreasingKWithFusedMultiplyAddsAsTheCudaKernelDoes(
            int m, int k, int n) {
        float[] a = vector(m * k);
        float[] b = vector(k * n);
        guest.write(X, a);
        guest.write(Y, b);
        guest.call("matmul", m, k, n, X, Y, OUT);
        float[] got = guest.read(OUT, m * n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0;
                for (int p = 0; p < k; p++) {
                    acc = Math.fma(a[i * k + p], b[p * n + j], acc);
                }
                assertThat(got[i * n + j]).isEqualTo(acc);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 300})
    void anOutputMayOverlapItsInputs(int n) {
        float[] x = vector(n);
        guest.write(X, x);
        guest.call("vec_add", n, X, X, X);
        float[] got = guest.read(X, n);
        for (int i = 0; i < n; i++) {
            assertThat(got[i]).isEqualTo(x[i] * 2);
        }
    }

    private float[] vector(int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return values;
    }
}
