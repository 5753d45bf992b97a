package io.tensorwasm.ops.runtime.function;

/**
 * Where a function's code comes from: the registry's code cache, which reads and parses the stored
 * module on a miss, or code fixed once and for all (a function compiled outside the registry).
 */
interface CodeSource {

    /** The code, read from the store and parsed when it is not in memory; may block. */
    FunctionCode load();

    /** The code when it is in memory, else null; never blocks, so the event loop may ask. */
    FunctionCode ifLoaded();

    /** Code that is always there. */
    static CodeSource of(FunctionCode code) {
        return new CodeSource() {
            @Override
            public FunctionCode load() {
                return code;
            }

            @Override
            public FunctionCode ifLoaded() {
                return code;
            }
        };
    }
}
