package io.tensorwasm.ops.runtime.fault;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The faults in force now. A fault set over HTTP lives in memory, so a restart clears it; a fault
 * set at start ({@link FaultSettings#invokeErrorRate()}) comes back with every start, which is how
 * a game day shows a restart that does not cure the failure.
 */
public final class FaultInjector {

    private final boolean enabled;
    private volatile double invokeErrorRate;

    /** Faults as the settings say at start. */
    public FaultInjector(FaultSettings settings) {
        this.enabled = settings.enabled();
        this.invokeErrorRate = settings.invokeErrorRate();
    }

    /** True when faults may be set over HTTP. */
    public boolean enabled() {
        return enabled;
    }

    /** The share of invokes that fail now, 0 to 1. */
    public double invokeErrorRate() {
        return invokeErrorRate;
    }

    /** Sets the share of invokes that fail; 0 clears the fault. */
    public void invokeErrorRate(double rate) {
        checkRate(rate);
        if (!enabled) {
            throw new IllegalStateException(
                    "fault injection is off; start with TENSOR_WASM_FAULTS=enabled");
        }
        this.invokeErrorRate = rate;
    }

    /**
     * Fails this invoke of the function when the fault says so.
     *
     * @throws InjectedFaultException for the share of invokes the rate asks for
     */
    public void beforeInvoke(String functionId) {
        double rate = invokeErrorRate;
        if (rate > 0 && (rate >= 1 || ThreadLocalRandom.current().nextDouble() < rate)) {
            throw new InjectedFaultException(
                    functionId
                            + ": failed on purpose; fault injection fails "
                            + percent(rate)
                            + " of invokes until DELETE /admin/faults");
        }
    }

    static void checkRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(
                    rate + ": invoke_error_rate is a share of invokes, from 0 to 1");
        }
    }

    private static String percent(double rate) {
        double percent = rate * 100;
        return (percent == Math.rint(percent)
                        ? Long.toString(Math.round(percent))
                        : Double.toString(percent))
                + " %";
    }
}
