package io.tensorwasm.ops.engine.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.engine.model.Action.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetCommandsTest {

    @Test
    void systemdTargetBuildsSystemctlAndJournalctlCommands() {
        SystemdTarget unit = new SystemdTarget("tensor-wasm.service", true);

        assertThat(unit.command(Operation.RESTART))
                .containsExactly("sudo", "systemctl", "restart", "tensor-wasm.service");
        assertThat(unit.command(Operation.STOP))
                .containsExactly("sudo", "systemctl", "stop", "tensor-wasm.service");
        assertThat(unit.command(Operation.STATUS))
                .containsExactly(
                        "sudo", "systemctl", "status", "tensor-wasm.service", "--no-pager");
        assertThat(unit.command(Operation.LOGS))
                .containsExactly(
                        "sudo",
                        "journalctl",
                        "-u",
                        "tensor-wasm.service",
                        "-n",
                        "50",
                        "--no-pager");
        assertThat(new SystemdTarget("tensor-wasm", false).command(Operation.START))
                .containsExactly("systemctl", "start", "tensor-wasm");
    }

    @Test
    void kubernetesTargetBuildsKubectlCommands() {
        KubernetesTarget deployment = new KubernetesTarget("tensor-wasm", "tensor-wasm", "prod", 3);

        assertThat(deployment.commands(Operation.RESTART))
                .containsExactly(
                        List.of(
                                "kubectl",
                                "--context=prod",
                                "-n",
                                "tensor-wasm",
                                "rollout",
                                "restart",
                                "deployment/tensor-wasm"),
                        List.of(
                                "kubectl",
                                "--context=prod",
                                "-n",
                                "tensor-wasm",
                                "rollout",
                                "status",
                                "deployment/tensor-wasm",
                                "--timeout=120s"));
        assertThat(deployment.commands(Operation.STOP))
                .containsExactly(
                        List.of(
                                "kubectl",
                                "--context=prod",
                                "-n",
                                "tensor-wasm",
                                "scale",
                                "deployment/tensor-wasm",
                                "--replicas=0"));
        assertThat(deployment.commands(Operation.START).get(0))
                .containsExactly(
                        "kubectl",
                        "--context=prod",
                        "-n",
                        "tensor-wasm",
                        "scale",
                        "deployment/tensor-wasm",
                        "--replicas=3");
        assertThat(new KubernetesTarget("ops", "runtime", "", 1).commands(Operation.LOGS))
                .containsExactly(
                        List.of("kubectl", "-n", "ops", "logs", "deployment/runtime", "--tail=50"));
    }

    @Test
    void rejectsNamesThatCouldSmuggleArguments() {
        assertThatThrownBy(() -> new SystemdTarget("x; rm -rf /", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x; rm -rf /: not a systemd unit name");
        assertThatThrownBy(() -> new KubernetesTarget("ops", "--all", "", 1))
                .hasMessage("ops/--all: not a Kubernetes namespace and name");
    }

    @Test
    void commandsCaptureOutputAndExitCode() {
        CommandResult result =
                Commands.run(
                        List.of("sh", "-c", "echo out; echo err >&2; exit 3"),
                        null,
                        java.time.Duration.ofSeconds(10));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).contains("out", "err");
        assertThat(
                        Commands.run(
                                        List.of("no-such-program-here"),
                                        null,
                                        java.time.Duration.ofSeconds(5))
                                .exitCode())
                .isEqualTo(127);
    }
}
