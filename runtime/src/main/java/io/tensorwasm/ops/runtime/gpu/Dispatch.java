package io.tensorwasm.ops.runtime.gpu;

import io.tensorwasm.ops.runtime.metrics.RuntimeMetrics.KernelSeries;

/**
 * One kernel call from a guest, timed from the host call to the kernel's start: a backend calls
 * {@link #started()} once its inputs are where the kernel reads them (on the device for CUDA),
 * right before the kernel runs. That interval is {@code
 * tensor_wasm_kernel_dispatch_duration_seconds} (issue #10), and only calls that reach it count in
 * {@code tensor_wasm_kernel_dispatches_total}.
 */
public final class Dispatch {

    private final KernelSeries series;
    private final long calledNanos;
    private boolean started;

    Dispatch(KernelSeries series, long calledNanos) {
        this.series = series;
        this.calledNanos = calledNanos;
    }

    /** Marks the kernel's start; only the first call records. */
    public void started() {
        if (!started) {
            started = true;
            series.dispatched(System.nanoTime() - calledNanos);
        }
    }
}
