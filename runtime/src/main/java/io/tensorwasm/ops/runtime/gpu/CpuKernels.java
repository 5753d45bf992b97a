package io.tensorwasm.ops.runtime.gpu;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import java.util.Arrays;

/**
 * The CPU backend in plain Java. {@code saxpy} and {@code matmul} use {@link Math#fma} in the order
 * the CUDA kernels do, so the two backends agree bit for bit; {@code dot} and {@code sum} add in
 * double and round once.
 */
final class CpuKernels implements KernelDispatcher {

    @Override
    public Backend backend() {
        return Backend.CPU;
    }

    @Override
    public void saxpy(float a, float[] x, float[] y, Dispatch dispatch) {
        dispatch.started();
        axpy(a, x, y);
    }

    @Override
    public void vecAdd(float[] x, float[] y, float[] out, Dispatch dispatch) {
        dispatch.started();
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i] + y[i];
        }
    }

    @Override
    public float dot(float[] x, float[] y, Dispatch dispatch) {
        dispatch.started();
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            total += (double) x[i] * y[i];
        }
        return (float) total;
    }

    @Override
    public float sum(float[] x, Dispatch dispatch) {
        dispatch.started();
        double total = 0;
        for (float value : x) {
            total += value;
        }
        return (float) total;
    }

    @Override
    public void matmul(Matrices operands, Dispatch dispatch) {
        dispatch.started();
        if (operands.c().length == 0) {
            // m or n is 0: nothing to write, however large k is.
            return;
        }
        int k = operands.k();
        int n = operands.n();
        float[] a = operands.a();
        float[] c = operands.c();
        // Rows of b and one row of c as arrays of their own: C2 vectorises the fma loop of
        // axpy over zero-based arrays, not over offsets into the flat ones (5x, BENCHMARKS.md).
        float[][] b = new float[k][];
        for (int p = 0; p < k; p++) {
            b[p] = Arrays.copyOfRange(operands.b(), p * n, p * n + n);
        }
        float[] row = new float[n];
        for (int i = 0; i < operands.m(); i++) {
            // A large product runs for seconds; the invoke deadline interrupts the worker, and
            // this is the one kernel long enough to need to notice (issue #4's deadline).
            if (Thread.currentThread().isInterrupted()) {
                throw new ChicoryInterruptedException("matmul interrupted at row " + i);
            }
            Arrays.fill(row, 0f);
            for (int p = 0; p < k; p++) {
                axpy(a[i * k + p], b[p], row);
            }
            System.arraycopy(row, 0, c, i * n, n);
        }
    }

    /** {@code y[j] = fma(a, x[j], y[j])}: each output adds its products in increasing k. */
    private static void axpy(float a, float[] x, float[] y) {
        for (int j = 0; j < y.length; j++) {
            y[j] = Math.fma(a, x[j], y[j]);
        }
    }

    @Override
    public void close() {}
}
