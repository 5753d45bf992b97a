package io.tensorwasm.ops.runtime.gpu;

import jcuda.CudaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the kernel backend at start from {@code TENSOR_WASM_GPU} and logs exactly one line that
 * names it and says why.
 *
 * <pre>{@code
 * KernelDispatcher kernels = KernelBackends.select(GpuMode.AUTO);
 * // INFO kernel backend cpu (TENSOR_WASM_GPU=auto): CUDA unavailable: JCuda's driver binding did
 * //      not load: libcuda.so.1: cannot open shared object file: No such file or directory
 * }</pre>
 */
public final class KernelBackends {

    private static final Logger logger = LoggerFactory.getLogger(KernelBackends.class);

    private KernelBackends() {}

    /**
     * The backend the mode asks for, probing CUDA unless the mode is {@code cpu}.
     *
     * @throws IllegalStateException when the mode is {@code cuda} and no device is usable
     */
    public static KernelDispatcher select(GpuMode mode) {
        Choice choice = choose(mode, mode == GpuMode.CPU ? null : CudaProbe.once());
        logger.info(choice.line());
        return choice.kernels();
    }

    static Choice choose(GpuMode mode, CudaProbe probe) {
        String setting = "(TENSOR_WASM_GPU=" + mode.label() + ")";
        if (mode == GpuMode.CPU) {
            return new Choice(
                    new CpuKernels(), "kernel backend cpu " + setting + ": as configured");
        }
        String unusable = probe.available() ? null : probe.reason();
        if (unusable == null) {
            try {
                return new Choice(
                        CudaKernels.open(0),
                        "kernel backend cuda " + setting + ": " + probe.reason());
            } catch (CudaException e) {
                unusable = probe.reason() + ", but the kernels did not load: " + e.getMessage();
            }
        }
        if (mode == GpuMode.CUDA) {
            throw new IllegalStateException(
                    "TENSOR_WASM_GPU=cuda: no usable CUDA device: "
                            + unusable
                            + "; set TENSOR_WASM_GPU=auto or cpu to run kernels on the CPU");
        }
        return new Choice(
                new CpuKernels(),
                "kernel backend cpu " + setting + ": CUDA unavailable: " + unusable);
    }

    /** The chosen kernels and the line logged about them. */
    record Choice(KernelDispatcher kernels, String line) {}
}
