package io.tensorwasm.ops.runtime.function;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.TableLimits;
import com.dylibso.chicory.wasm.types.TableSection;

/**
 * Keeps each instance's tables its own. Chicory 1.6 grows a table by raising the minimum in the
 * limits of the module it was parsed into, and sizes every new instance's table from that minimum,
 * so one invoke's {@code table.grow} made every later instance of the function start larger (found
 * for issue #16; the API promises that no state survives between calls). A module whose tables can
 * grow is rebuilt once, at compile time, with limits whose minimum stays as declared.
 */
final class Tables {

    private Tables() {}

    /** The module itself when no table can grow, else a copy whose tables keep their minimum. */
    static WasmModule isolated(WasmModule wasm) {
        TableSection tables = wasm.tableSection();
        boolean growable = false;
        TableSection.Builder fixed = TableSection.builder();
        for (int i = 0; i < tables.tableCount(); i++) {
            Table table = tables.getTable(i);
            TableLimits limits = table.limits();
            growable |= limits.min() < limits.max();
            fixed.addTable(
                    new Table(
                            table.elementType(),
                            new Declared(limits.min(), limits.max(), limits.shared()),
                            table.initialize()));
        }
        return growable ? copy(wasm, fixed.build()) : wasm;
    }

    private static WasmModule copy(WasmModule wasm, TableSection tables) {
        WasmModule.Builder b =
                WasmModule.builder()
                        .setTypeSection(wasm.typeSection())
                        .setImportSection(wasm.importSection())
                        .setFunctionSection(wasm.functionSection())
                        .setTableSection(tables)
                        .setGlobalSection(wasm.globalSection())
                        .setExportSection(wasm.exportSection())
                        .setElementSection(wasm.elementSection())
                        .setCodeSection(wasm.codeSection())
                        .setDataSection(wasm.dataSection())
                        // Parsed and validated already; only the table limits differ.
                        .withValidation(false)
                        .withDigest(wasm.digest());
        wasm.memorySection().ifPresent(b::setMemorySection);
        wasm.startSection().ifPresent(b::setStartSection);
        wasm.dataCountSection().ifPresent(b::setDataCountSection);
        wasm.tagSection().ifPresent(b::setTagSection);
        for (CustomSection custom : wasm.customSections()) {
            b.addCustomSection(custom.name(), custom);
        }
        wasm.ignoredSections().forEach(b::addIgnoredSection);
        return b.build();
    }

    /**
     * Table limits whose minimum is the declared one for good: an instance's table grows in the
     * instance (its size is its own array's length), and the maximum still bounds the grow.
     */
    private static final class Declared extends TableLimits {

        Declared(long min, long max, boolean shared) {
            super(min, max, shared);
        }

        @Override
        public void grow(int delta) {
            // Deliberately nothing: see the class comment.
        }
    }
}
