package io.tensorwasm.ops.engine.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.engine.model.Action.Operation;
import java.nio.file.Path;
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

        assertThat(deployment.commands(Operation.RESTART, ""))
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
                                "--timeout=300s"));
        assertThat(deployment.commands(Operation.STOP, ""))
                .containsExactly(
                        List.of(
                                "kubectl",
                                "--context=prod",
                                "-n",
                                "tensor-wasm",
                                "scale",
                                "deployment/tensor-wasm",
                                "--replicas=0"));
        assertThat(deployment.commands(Operation.START, "").get(0))
                .containsExactly(
                        "kubectl",
                        "--context=prod",
                        "-n",
                        "tensor-wasm",
                        "scale",
                        "deployment/tensor-wasm",
                        "--replicas=3");
        assertThat(new KubernetesTarget("ops", "runtime", "", 1).commands(Operation.LOGS, ""))
                .containsExactly(
                        List.of("kubectl", "-n", "ops", "logs", "deployment/runtime", "--tail=50"));
    }

    @Test
    void systemdUpgradeAndRollbackSwapTheSymlinkBetweenStopAndStart() {
        SystemdTarget unit = new SystemdTarget("tensor-wasm", true);
        String running = "/usr/local/lib/tensor-wasm/v0.1.0";

        assertThat(unit.commands(Operation.UPGRADE, "v0.2.0", running, ""))
                .containsExactly(
                        List.of("/usr/local/lib/tensor-wasm/v0.2.0/bin/tensor-wasm", "--version"),
                        List.of(
                                "sudo",
                                "ln",
                                "-sfn",
                                running,
                                "/usr/local/lib/tensor-wasm/previous"),
                        List.of("sudo", "systemctl", "stop", "tensor-wasm"),
                        List.of(
                                "sudo",
                                "ln",
                                "-sfn",
                                "/usr/local/lib/tensor-wasm/v0.2.0/bin/tensor-wasm",
                                "/usr/local/bin/tensor-wasm"),
                        List.of("sudo", "systemctl", "start", "tensor-wasm"));
        assertThat(
                        unit.commands(
                                Operation.ROLLBACK,
                                "",
                                "/usr/local/lib/tensor-wasm/v0.2.0",
                                running))
                .containsExactly(
                        List.of(running + "/bin/tensor-wasm", "--version"),
                        List.of("sudo", "systemctl", "stop", "tensor-wasm"),
                        List.of(
                                "sudo",
                                "ln",
                                "-sfn",
                                running + "/bin/tensor-wasm",
                                "/usr/local/bin/tensor-wasm"),
                        List.of(
                                "sudo",
                                "ln",
                                "-sfn",
                                "/usr/local/lib/tensor-wasm/v0.2.0",
                                "/usr/local/lib/tensor-wasm/previous"),
                        List.of("sudo", "systemctl", "start", "tensor-wasm"));
        assertThat(unit.commands(Operation.CONFIG_SAVE, "", "", ""))
                .containsExactly(
                        List.of(
                                "sudo",
                                "cp",
                                "-a",
                                "/etc/tensor-wasm/env",
                                "/etc/tensor-wasm/env.saved"));
        assertThat(unit.commands(Operation.AUDIT_VERIFY, "", "", ""))
                .containsExactly(
                        List.of(
                                "sudo",
                                "-u",
                                "tensor-wasm",
                                "/usr/local/bin/tensor-wasm",
                                "audit",
                                "verify",
                                "--audit-log",
                                "/var/lib/tensor-wasm/audit.log"));
        assertThat(unit.command(Operation.THREADS))
                .containsExactly("sudo", "systemctl", "kill", "--signal=SIGQUIT", "tensor-wasm");
    }

    @Test
    void kubernetesUpgradesWithHelmWhenTheChartInstalledItAndWithKubectlOtherwise() {
        KubernetesTarget plain = new KubernetesTarget("tensor-wasm", "tensor-wasm", "", 1);
        KubernetesTarget helm =
                plain.withHelm(
                        "tensor-wasm", "./deploy/helm/tensor-wasm", Path.of("values.saved.yaml"));

        assertThat(helm.commands(Operation.UPGRADE, "v0.2.0").get(0))
                .containsExactly(
                        "helm",
                        "upgrade",
                        "tensor-wasm",
                        "./deploy/helm/tensor-wasm",
                        "--reuse-values",
                        "--set",
                        "image.tag=v0.2.0",
                        "--wait",
                        "--timeout",
                        "5m",
                        "-n",
                        "tensor-wasm");
        assertThat(helm.commands(Operation.ROLLBACK, "").get(0))
                .containsExactly(
                        "helm",
                        "rollback",
                        "tensor-wasm",
                        "--wait",
                        "--timeout",
                        "5m",
                        "-n",
                        "tensor-wasm");
        assertThat(helm.commands(Operation.CONFIG_SAVE, ""))
                .containsExactly(
                        List.of(
                                "helm",
                                "get",
                                "values",
                                "tensor-wasm",
                                "-o",
                                "yaml",
                                "-n",
                                "tensor-wasm"));
        assertThat(plain.commands(Operation.UPGRADE, "v0.2.0").get(0))
                .containsExactly(
                        "kubectl",
                        "-n",
                        "tensor-wasm",
                        "set",
                        "image",
                        "deployment/tensor-wasm",
                        "tensor-wasm=ghcr.io/craton-co/tensor-wasm:v0.2.0");
        assertThat(plain.commands(Operation.ROLLBACK, "").get(0))
                .containsExactly(
                        "kubectl",
                        "-n",
                        "tensor-wasm",
                        "rollout",
                        "undo",
                        "deployment/tensor-wasm");
        assertThat(plain.commands(Operation.AUDIT_VERIFY, ""))
                .containsExactly(
                        List.of(
                                "kubectl",
                                "-n",
                                "tensor-wasm",
                                "exec",
                                "deployment/tensor-wasm",
                                "--",
                                "tensor-wasm",
                                "audit",
                                "verify"));
        assertThat(plain.manual(Operation.CONFIG_SAVE)).get().asString().contains("deploy/k8s");
        assertThat(helm.manual(Operation.CONFIG_SAVE)).isEmpty();
    }

    @Test
    void composeRunsDockerComposeOnTheServiceOfItsFile() {
        ComposeTarget compose =
                new ComposeTarget(Path.of("/opt/tensor-wasm/docker-compose.yml"), "tensor-wasm");
        List<String> base =
                List.of("docker", "compose", "-f", "/opt/tensor-wasm/docker-compose.yml");

        assertThat(compose.commands(Operation.UPGRADE))
                .containsExactly(
                        concat(base, "pull", "tensor-wasm"),
                        concat(base, "up", "-d", "--no-deps", "tensor-wasm"));
        assertThat(compose.commands(Operation.RESTART))
                .containsExactly(concat(base, "restart", "tensor-wasm"));
        assertThat(compose.commands(Operation.AUDIT_ARCHIVE))
                .containsExactly(
                        concat(
                                base,
                                "exec",
                                "-T",
                                "tensor-wasm",
                                "tensor-wasm",
                                "audit",
                                "archive"));
    }

    @Test
    void everyAdapterDoesEveryOperationOrDeclaresItManualWithItsReason() {
        List<TargetAdapter> adapters =
                List.of(
                        LocalProcessTarget.builder()
                                .command(List.of("true"))
                                .pidFile(Path.of("x.pid"))
                                .build(),
                        new SystemdTarget("tensor-wasm", false),
                        new KubernetesTarget("tensor-wasm", "tensor-wasm", "", 1),
                        new ComposeTarget(Path.of("docker-compose.yml"), "tensor-wasm"));
        for (TargetAdapter adapter : adapters) {
            assertThat(adapter.manual(Operation.DRAIN))
                    .as(adapter.describe())
                    .get()
                    .asString()
                    .contains("load balancer");
            assertThat(adapter.manual(Operation.RESTART)).as(adapter.describe()).isEmpty();
            CommandResult refused = adapter.perform(Operation.DRAIN);
            assertThat(refused.ok()).isFalse();
            assertThat(refused.output()).startsWith("drain is manual here: ");
        }
        assertThat(adapters.get(0).manual(Operation.UPGRADE))
                .get()
                .asString()
                .contains("no releases folder");
    }

    private static List<String> concat(List<String> base, String... more) {
        List<String> all = new java.util.ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
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
