package io.tensorwasm.ops.runtime.gpu;

import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.types.FunctionType;
import java.util.Objects;

/**
 * A kernel that guests call as the host import {@code tensor_wasm.<name>}.
 *
 * @param name the import name
 * @param type the Wasm signature the guest must declare
 * @param body what runs; it reads and writes the caller's memory through the instance
 */
public record Kernel(String name, FunctionType type, WasmFunctionHandle body) {

    public Kernel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
        if (name.isBlank()) {
            throw new IllegalArgumentException("\"" + name + "\": a kernel needs a name");
        }
    }
}
