package io.tensorwasm.ops.runtime.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FaultSettingsTest {

    @Test
    void isOffWhenNothingIsSet() {
        assertThat(FaultSettings.parse(null, null)).isEqualTo(FaultSettings.OFF);
        assertThat(FaultSettings.parse("off", "")).isEqualTo(FaultSettings.OFF);
        assertThat(FaultSettings.OFF.describe()).isEqualTo("off");
    }

    @Test
    void readsAFaultSetAtStart() {
        FaultSettings settings = FaultSettings.parse("enabled", "1.0");
        assertThat(settings).isEqualTo(new FaultSettings(true, 1.0));
        assertThat(settings.describe()).isEqualTo("enabled (invoke_error_rate 1.0 at start)");
    }

    @Test
    void refusesAFaultAtStartWithoutEnablingFaultInjection() {
        assertThatThrownBy(() -> FaultSettings.parse(null, "0.5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "0.5: an invoke error rate at start needs TENSOR_WASM_FAULTS=enabled;"
                                + " fault injection is off by default");
    }

    @Test
    void refusesAnUnknownModeARateOutsideZeroToOneAndANonNumber() {
        assertThatThrownBy(() -> FaultSettings.parse("on", null))
                .hasMessage("\"on\": TENSOR_WASM_FAULTS is off or enabled");
        assertThatThrownBy(() -> FaultSettings.parse("enabled", "1.5"))
                .hasMessage("1.5: invoke_error_rate is a share of invokes, from 0 to 1");
        assertThatThrownBy(() -> FaultSettings.parse("enabled", "all"))
                .hasMessage(
                        "\"all\": TENSOR_WASM_FAULT_INVOKE_ERROR_RATE must be a number from 0 to 1");
    }

    @Test
    void failsEveryInvokeAtRateOneAndNoneOnceCleared() {
        FaultInjector faults = new FaultInjector(new FaultSettings(true, 1.0));
        assertThatThrownBy(() -> faults.beforeInvoke("fn_1"))
                .isInstanceOf(InjectedFaultException.class)
                .hasMessage(
                        "fn_1: failed on purpose; fault injection fails 100 % of invokes until"
                                + " DELETE /admin/faults");
        faults.invokeErrorRate(0);
        faults.beforeInvoke("fn_1");
        assertThat(faults.invokeErrorRate()).isZero();
    }

    @Test
    void failsAboutTheShareOfInvokesTheRateAsksFor() {
        FaultInjector faults = new FaultInjector(new FaultSettings(true, 0.25));
        int failed = 0;
        for (int i = 0; i < 4000; i++) {
            try {
                faults.beforeInvoke("fn_1");
            } catch (InjectedFaultException expected) {
                failed++;
            }
        }
        assertThat(failed).isBetween(800, 1200);
    }
}
