package io.tensorwasm.ops.runtime.gpu;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TrapException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The calling guest's linear memory as float32 arrays, checked before anything is read: a pointer
 * or length outside the memory traps, and nothing outside is ever touched. Pointers and lengths are
 * unsigned i32, and the end of an array is computed without overflow, so {@code ptr + len * 4}
 * cannot wrap around into the memory.
 */
final class LinearMemory {

    private static final int FLOAT_BYTES = Float.BYTES;

    private final Memory memory;
    private final long size;
    private final String kernel;

    private LinearMemory(Memory memory, String kernel) {
        this.memory = memory;
        this.size = (long) memory.pages() * Memory.PAGE_SIZE;
        this.kernel = kernel;
    }

    /** The memory of the instance that called the kernel, at its current size. */
    static LinearMemory of(Instance instance, String kernel) {
        Memory memory = instance.memory();
        if (memory == null) {
            throw new TrapException(
                    KernelImports.MODULE
                            + "."
                            + kernel
                            + ": the calling module has no memory; kernels work on float32"
                            + " arrays in linear memory");
        }
        return new LinearMemory(memory, kernel);
    }

    /** A vector of {@code length} floats at {@code ptr}; both are unsigned i32 arguments. */
    Span vector(String name, long ptr, long length) {
        return span(name, unsigned(ptr), 1, unsigned(length));
    }

    /** A row-major matrix of {@code rows x cols} floats at {@code ptr}. */
    Span matrix(String name, long ptr, long rows, long cols) {
        return span(name, unsigned(ptr), unsigned(rows), unsigned(cols));
    }

    /**
     * A matrix dimension ({@code m}, {@code k} or {@code n}), unsigned, and at most the floats the
     * memory holds: a larger one can only describe an empty matrix, and as a Java int it would be
     * negative or ask the kernel for arrays no memory backs (issue #16).
     */
    int dimension(String name, long i32) {
        long value = unsigned(i32);
        long floats = size / FLOAT_BYTES;
        if (value > floats) {
            throw new TrapException(
                    name
                            + " = "
                            + value
                            + " in "
                            + KernelImports.MODULE
                            + "."
                            + kernel
                            + ": over the "
                            + floats
                            + " floats the "
                            + size
                            + "-byte memory holds");
        }
        return (int) value;
    }

    private Span span(String name, long ptr, long rows, long cols) {
        long room = ptr > size ? -1 : (size - ptr) / FLOAT_BYTES;
        // rows * cols fits an unsigned long (both are below 2^32); compare without overflowing.
        boolean fits = room >= 0 && (rows == 0 || cols == 0 || cols <= room / rows);
        if (!fits) {
            BigInteger count = BigInteger.valueOf(rows).multiply(BigInteger.valueOf(cols));
            BigInteger end = count.shiftLeft(2).add(BigInteger.valueOf(ptr));
            throw new TrapException(
                    name
                            + " at "
                            + ptr
                            + " + "
                            + (rows == 1 ? Long.toString(cols) : rows + " x " + cols)
                            + " floats in "
                            + KernelImports.MODULE
                            + "."
                            + kernel
                            + ": ends at byte "
                            + end
                            + ", past the "
                            + size
                            + "-byte memory");
        }
        return new Span((int) ptr, (int) (rows * cols));
    }

    /** A copy of the floats in the span. */
    float[] read(Span span) {
        float[] values = new float[span.floats()];
        if (values.length > 0) {
            byte[] bytes = memory.readBytes(span.offset(), span.floats() * FLOAT_BYTES);
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        }
        return values;
    }

    /** Writes the floats over the span. */
    void write(Span span, float[] values) {
        if (values.length > 0) {
            ByteBuffer bytes =
                    ByteBuffer.allocate(values.length * FLOAT_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(values);
            memory.write(span.offset(), bytes.array());
        }
    }

    private static long unsigned(long i32) {
        return Integer.toUnsignedLong((int) i32);
    }

    /** A checked range of the memory: {@code floats} float32 values from byte {@code offset}. */
    record Span(int offset, int floats) {}
}
