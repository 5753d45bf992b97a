package io.tensorwasm.ops.launcher.runtime;

/**
 * {@code tensor-wasm-cli}: the seed runbooks' name for {@code tensor-wasm}, the same commands under
 * the name they are called by ({@code bin/tensor-wasm-cli observe --once}).
 */
public final class TensorWasmCli {

    private TensorWasmCli() {}

    /** Runs the command line as {@code tensor-wasm-cli} and exits with its status. */
    public static void main(String[] args) {
        System.exit(TensorWasmCommand.commandLine(TensorWasmCommand.ALIAS).execute(args));
    }
}
