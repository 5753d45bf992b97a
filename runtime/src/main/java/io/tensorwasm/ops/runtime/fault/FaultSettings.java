package io.tensorwasm.ops.runtime.fault;

/**
 * Whether fault injection may be used, and the fault set at start. Off by default: a runtime
 * started without {@code TENSOR_WASM_FAULTS=enabled} has no {@code /admin/faults} route and never
 * fails on purpose.
 *
 * <pre>{@code
 * FaultSettings settings = FaultSettings.parse("enabled", "1.0");   // every invoke fails from start
 * }</pre>
 *
 * @param enabled true when {@code POST /admin/faults} may set faults
 * @param invokeErrorRate the share of invokes that fail from the start, 0 to 1
 */
public record FaultSettings(boolean enabled, double invokeErrorRate) {

    /** No fault injection at all: the default. */
    public static final FaultSettings OFF = new FaultSettings(false, 0);

    public FaultSettings {
        FaultInjector.checkRate(invokeErrorRate);
        if (invokeErrorRate > 0 && !enabled) {
            throw new IllegalArgumentException(
                    invokeErrorRate
                            + ": an invoke error rate at start needs TENSOR_WASM_FAULTS=enabled;"
                            + " fault injection is off by default");
        }
    }

    /**
     * Reads {@code TENSOR_WASM_FAULTS} ({@code off} or {@code enabled}; unset is off) and {@code
     * TENSOR_WASM_FAULT_INVOKE_ERROR_RATE} (unset is 0).
     */
    public static FaultSettings parse(String faults, String invokeErrorRate) {
        String mode = faults == null || faults.isBlank() ? "off" : faults.strip();
        if (!mode.equals("off") && !mode.equals("enabled")) {
            throw new IllegalArgumentException(
                    "\"" + mode + "\": TENSOR_WASM_FAULTS is off or enabled");
        }
        double rate = 0;
        if (invokeErrorRate != null && !invokeErrorRate.isBlank()) {
            try {
                rate = Double.parseDouble(invokeErrorRate.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "\""
                                + invokeErrorRate.strip()
                                + "\": TENSOR_WASM_FAULT_INVOKE_ERROR_RATE must be a number"
                                + " from 0 to 1",
                        e);
            }
        }
        return new FaultSettings(mode.equals("enabled"), rate);
    }

    /** How the configuration prints it: {@code off}, or {@code enabled} with the rate at start. */
    public String describe() {
        return enabled ? "enabled (invoke_error_rate " + invokeErrorRate + " at start)" : "off";
    }
}
