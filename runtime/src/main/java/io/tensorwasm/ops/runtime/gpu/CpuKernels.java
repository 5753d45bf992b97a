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
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.fma(a, x[i], y[i]);
        }
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
        int k = operands.k();
        int n = operands.n();
        float[] a = operands.a();
        float[] b = operands.b();
        float[] c = operands.c();
        Arrays.fill(c, 0f);
        for (int i = 0; i < operands.m(); i++) {
            // A large product runs for seconds; the invoke deadline interrupts the worker, and
            // this is the one kernel long enough to need to notice (issue #4's deadline).
            if (Thread.currentThread().isInterrupted()) {
                throw new ChicoryInterruptedException("matmul interrupted at row " + i);
            }
            int row = i * n;
            for (int p = 0; p < k; p++) {
                float aip = a[i * k + p];
                int from = p * n;
                for (int j = 0; j < n; j++) {
                    c[row + j] = Math.fma(aip, b[from + j], c[row + j]);
                }
            }
        }
    }

    @Override
    public void close() {}
}
