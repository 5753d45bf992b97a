package io.tensorwasm.ops.engine.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.engine.LoopbackRuntime;
import io.tensorwasm.ops.engine.model.Action.BalancerOperation;
import io.tensorwasm.ops.testkit.HaproxyServer;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** HAProxy's runtime API, spoken to a real HAProxy over its stats socket. */
class HaproxyRuntimeApiIT {

    @Test
    void setsAndReadsAServerAndSaysWhatHaproxyRefused() throws Exception {
        try (LoopbackRuntime runtime = LoopbackRuntime.start();
                HaproxyServer haproxy =
                        HaproxyServer.builder()
                                .server("replica-1", runtime.uri().getAuthority())
                                .start()) {
            HaproxyRuntimeApi api = HaproxyRuntimeApi.unix(haproxy.socket(), HaproxyServer.BACKEND);

            assertThat(
                            PosixFilePermissions.toString(
                                    Files.getPosixFilePermissions(haproxy.socket())))
                    .isEqualTo("rw-------");
            assertThat(api.set("replica-1", BalancerOperation.MAINT).status()).isEqualTo("MAINT");
            assertThat(api.set("replica-1", BalancerOperation.READY).status())
                    .isNotEqualTo("MAINT");
            assertThat(api.state("replica-1").sessions()).isZero();
            assertThatThrownBy(() -> api.set("replica-9", BalancerOperation.DRAIN))
                    .hasMessage(
                            "HAProxy refused to set tensor-wasm/replica-9 to drain: No such"
                                    + " server.");
            assertThatThrownBy(() -> api.state("replica-9"))
                    .hasMessage("HAProxy has no server replica-9 in backend tensor-wasm");
        }
    }
}
