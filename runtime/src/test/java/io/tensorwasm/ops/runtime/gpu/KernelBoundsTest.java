package io.tensorwasm.ops.runtime.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.runtime.TrapException;
import org.junit.jupiter.api.Test;

/** Bad pointers and lengths trap with a message that names them, before anything is touched. */
class KernelBoundsTest {

    private static final int MEMORY = 131_072;

    private final GuestKernels guest = new GuestKernels("kernels");

    @Test
    void trapsOnAnArrayRunningPastTheEndOfTheMemory() {
        assertThatThrownBy(() -> guest.call("dot", 2, MEMORY - 4, 0))
                .isInstanceOf(TrapException.class)
                .hasMessage(
                        "x at 131068 + 2 floats in tensor_wasm.dot: ends at byte 131076, past the"
                                + " 131072-byte memory");
    }

    @Test
    void acceptsAnArrayEndingExactlyAtTheEndOfTheMemory() {
        guest.write(MEMORY - 8, new float[] {1.5f, 2.5f});
        assertThat(guest.call("sum", 2, MEMORY - 8)).isEqualTo(4f);
    }

    @Test
    void trapsWhenPointerPlusLengthTimesFourWrapsAroundInI32() {
        // 4 + 1073741824 * 4 is 4 in i32 arithmetic: a wrapping check would let this through.
        assertThatThrownBy(() -> guest.call("vec_add", 1 << 30, 4, 0, 0))
                .isInstanceOf(TrapException.class)
                .hasMessage(
                        "x at 4 + 1073741824 floats in tensor_wasm.vec_add: ends at byte"
                                + " 4294967300, past the 131072-byte memory");
    }

    @Test
    void readsPointersAndLengthsAsUnsigned() {
        assertThatThrownBy(() -> guest.call("sum", 1, -4))
                .isInstanceOf(TrapException.class)
                .hasMessage(
                        "x at 4294967292 + 1 floats in tensor_wasm.sum: ends at byte 4294967296,"
                                + " past the 131072-byte memory");
        assertThatThrownBy(() -> guest.call("sum", -1, 0))
                .isInstanceOf(TrapException.class)
                .hasMessage(
                        "x at 0 + 4294967295 floats in tensor_wasm.sum: ends at byte 17179869180,"
                                + " past the 131072-byte memory");
    }

    @Test
    void trapsOnMatrixDimensionsWhoseProductOverflows() {
        assertThatThrownBy(() -> guest.call("matmul", -1, -1, 1, 0, 0, 0))
                .isInstanceOf(TrapException.class)
                .hasMessage(
                        "a at 0 + 4294967295 x 4294967295 floats in tensor_wasm.matmul: ends at"
                                + " byte 73786976260478468100, past the 131072-byte memory");
    }

    @Test
    void trapsOnAMatmulDimensionNoMemoryCouldHoldEvenWhenTheProductIsEmpty() {
        // Issue #16: 0 x 2^31 matrices are empty and pass the span checks; as a Java int the
        // dimension is negative, and the CPU kernel threw NegativeArraySizeException.
        assertThatThrownBy(() -> guest.call("matmul", 0, 0, Integer.MIN_VALUE, 0, 0, 0))
                .isInstanceOf(TrapException.class)
                .hasMessage(
                        "n = 2147483648 in tensor_wasm.matmul: over the 32768 floats the"
                                + " 131072-byte memory holds");
        assertThatThrownBy(() -> guest.call("matmul", 0, Integer.MAX_VALUE, 0, 0, 0, 0))
                .isInstanceOf(TrapException.class)
                .hasMessage(
                        "k = 2147483647 in tensor_wasm.matmul: over the 32768 floats the"
                                + " 131072-byte memory holds");
        assertThatThrownBy(() -> guest.call("matmul", -1, 0, 0, 0, 0, 0))
                .isInstanceOf(TrapException.class)
                .hasMessage(
                        "m = 4294967295 in tensor_wasm.matmul: over the 32768 floats the"
                                + " 131072-byte memory holds");
    }

    @Test
    void multipliesEmptyMatricesOfDimensionsTheMemoryCouldHold() {
        guest.write(0, new float[] {7f});
        guest.call("matmul", 0, 32_768, 0, 0, 0, 0);
        guest.call("matmul", 3, 0, 0, 0, 0, 0);
        assertThat(guest.read(0, 1)).containsExactly(7f);
        guest.call("matmul", 1, 0, 1, 0, 0, 0);
        assertThat(guest.read(0, 1)).containsExactly(0f);
    }

    @Test
    void checksTheOutputBeforeWritingAnything() {
        guest.write(0, new float[] {1f, 2f});
        guest.write(64, new float[] {3f, 4f});
        assertThatThrownBy(() -> guest.call("saxpy", 2, 2f, 0, MEMORY - 4))
                .isInstanceOf(TrapException.class)
                .hasMessage(
                        "y at 131068 + 2 floats in tensor_wasm.saxpy: ends at byte 131076, past the"
                                + " 131072-byte memory");
        assertThatThrownBy(() -> guest.call("matmul", 2, 1, 2, 0, 64, MEMORY - 12))
                .isInstanceOf(TrapException.class)
                .hasMessage(
                        "c at 131060 + 2 x 2 floats in tensor_wasm.matmul: ends at byte 131076,"
                                + " past the 131072-byte memory");
        assertThat(guest.read(MEMORY - 12, 3)).containsOnly(0f);
    }

    @Test
    void trapsWhenTheCallingModuleHasNoMemory() {
        GuestKernels memoryless = new GuestKernels("no-memory");
        assertThatThrownBy(() -> memoryless.call("run"))
                .isInstanceOf(TrapException.class)
                .hasMessage(
                        "tensor_wasm.sum: the calling module has no memory; kernels work on"
                                + " float32 arrays in linear memory");
    }

    @Test
    void countsOnlyDispatchesThatReachTheKernel() {
        guest.call("dot", 3, 0, 0);
        assertThatThrownBy(() -> guest.call("dot", 3, MEMORY, 0)).isInstanceOf(TrapException.class);
        assertThat(guest.scrape())
                .contains("tensor_wasm_kernel_dispatches_total{backend=\"cpu\",kernel=\"dot\"} 1.0")
                .contains(
                        "tensor_wasm_kernel_dispatch_duration_seconds_count{backend=\"cpu\",kernel=\"dot\"} 1")
                .contains(
                        "tensor_wasm_kernel_dispatches_total{backend=\"cpu\",kernel=\"sum\"} 0.0");
    }
}
