package io.tensorwasm.ops.runtime.gpu;

import java.util.Map;

/**
 * Runs kernels for guests on one backend. This issue ships only the CPU backend; the CUDA backend
 * (a later issue) implements the same interface and is chosen when a device exists.
 */
public interface KernelDispatcher {

    /** The backend the kernels run on. */
    Backend backend();

    /** The kernels this dispatcher offers, by import name. */
    Map<String, Kernel> kernels();

    /** The CPU backend with the given kernels. */
    static KernelDispatcher cpu(Map<String, Kernel> kernels) {
        Map<String, Kernel> copy = Map.copyOf(kernels);
        return new KernelDispatcher() {
            @Override
            public Backend backend() {
                return Backend.CPU;
            }

            @Override
            public Map<String, Kernel> kernels() {
                return copy;
            }
        };
    }
}
