package io.tensorwasm.ops.runtime.gpu;

/**
 * Runs float32 kernels on one backend: CUDA through JCuda, or plain Java on the CPU. Both give the
 * same results within the tolerances of docs/KERNELS.md. Arrays are host copies of the guest's
 * memory; {@link KernelImports} checks and copies them. Each method calls {@link
 * Dispatch#started()} right before its kernel runs.
 *
 * <pre>{@code
 * try (KernelDispatcher kernels = KernelBackends.select(GpuMode.AUTO)) {
 *     float total = kernels.sum(new float[] {1, 2, 3}, dispatch);
 * }
 * }</pre>
 */
public interface KernelDispatcher extends AutoCloseable {

    /** Where the kernels run. */
    Backend backend();

    /** {@code y[i] = a * x[i] + y[i]}, as one fused multiply-add. */
    void saxpy(float a, float[] x, float[] y, Dispatch dispatch);

    /** {@code out[i] = x[i] + y[i]}. */
    void vecAdd(float[] x, float[] y, float[] out, Dispatch dispatch);

    /** The sum of {@code x[i] * y[i]}. */
    float dot(float[] x, float[] y, Dispatch dispatch);

    /** The sum of {@code x[i]}. */
    float sum(float[] x, Dispatch dispatch);

    /** {@code c = a * b}. */
    void matmul(Matrices operands, Dispatch dispatch);

    /** Releases the device, if any. */
    @Override
    void close();
}
