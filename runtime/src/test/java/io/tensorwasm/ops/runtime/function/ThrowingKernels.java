package io.tensorwasm.ops.runtime.function;

import io.tensorwasm.ops.runtime.gpu.Backend;
import io.tensorwasm.ops.runtime.gpu.Dispatch;
import io.tensorwasm.ops.runtime.gpu.KernelDispatcher;
import io.tensorwasm.ops.runtime.gpu.Matrices;
import java.util.function.Supplier;

/** A kernel backend whose every kernel throws what it is given: a host function gone wrong. */
final class ThrowingKernels implements KernelDispatcher {

    private final Supplier<? extends Throwable> failure;

    ThrowingKernels(Supplier<? extends Throwable> failure) {
        this.failure = failure;
    }

    @Override
    public Backend backend() {
        return Backend.CPU;
    }

    @Override
    public void saxpy(float a, float[] x, float[] y, Dispatch dispatch) {
        fail();
    }

    @Override
    public void vecAdd(float[] x, float[] y, float[] out, Dispatch dispatch) {
        fail();
    }

    @Override
    public float dot(float[] x, float[] y, Dispatch dispatch) {
        return fail();
    }

    @Override
    public float sum(float[] x, Dispatch dispatch) {
        return fail();
    }

    @Override
    public void matmul(Matrices operands, Dispatch dispatch) {
        fail();
    }

    @Override
    public void close() {}

    private float fail() {
        Throwable t = failure.get();
        if (t instanceof RuntimeException e) {
            throw e;
        }
        throw (Error) t;
    }
}
