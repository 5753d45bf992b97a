package io.tensorwasm.ops.runtime.gpu;

/**
 * The operands of {@code c = a * b} in row-major order: {@code a} is m x k, {@code b} is k x n and
 * {@code c} is m x n, which the kernel overwrites.
 */
public record Matrices(int m, int k, int n, float[] a, float[] b, float[] c) {

    public Matrices {
        if ((long) m * k != a.length || (long) k * n != b.length || (long) m * n != c.length) {
            throw new IllegalArgumentException(
                    a.length
                            + ", "
                            + b.length
                            + ", "
                            + c.length
                            + " floats: not the sizes of "
                            + m
                            + " x "
                            + k
                            + " by "
                            + k
                            + " x "
                            + n
                            + " matrices");
        }
    }
}
