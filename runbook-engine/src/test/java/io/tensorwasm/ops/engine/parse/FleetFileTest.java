package io.tensorwasm.ops.engine.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.engine.model.Fleet;
import io.tensorwasm.ops.engine.model.FleetMember;
import io.tensorwasm.ops.engine.model.MemberTarget;
import io.tensorwasm.ops.engine.model.RunbookFormatException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FleetFileTest {

    private static final Path FILE = Path.of("/etc/twops/fleet.yml");

    private static final String GOOD =
            """
            name: production
            url: https://runtime.internal
            load_balancer: {kind: haproxy, socket: haproxy.sock, backend: tensor-wasm}
            members:
              - name: replica-1
                url: http://127.0.0.1:8081
                target: {local: replica-1}
              - name: replica-2
                url: http://10.0.0.12:8080
                server: web-2
                target: {systemd: tensor-wasm.service, sudo: true}
              - name: replica-3
                url: http://10.0.0.13:8080
                target: {kubernetes: tensor-wasm-3, namespace: tensor-wasm}
            """;

    @Test
    void readsEveryMemberWithItsTargetAndServerAndResolvesPathsBesideTheFile() {
        Fleet fleet = FleetFile.parse(FILE, GOOD);

        assertThat(fleet.name()).isEqualTo("production");
        assertThat(fleet.balancer().socket()).isEqualTo("/etc/twops/haproxy.sock");
        assertThat(fleet.balancer().backend()).isEqualTo("tensor-wasm");
        assertThat(fleet.members())
                .extracting(FleetMember::name)
                .containsExactly("replica-1", "replica-2", "replica-3");
        assertThat(fleet.members().get(0).target())
                .isEqualTo(new MemberTarget.Local("/etc/twops/replica-1"));
        assertThat(fleet.members().get(0).server()).isEqualTo("replica-1");
        assertThat(fleet.members().get(1).server()).isEqualTo("web-2");
        assertThat(fleet.members().get(1).target())
                .isEqualTo(new MemberTarget.Systemd("tensor-wasm.service", true));
        assertThat(fleet.members().get(2).target())
                .isEqualTo(new MemberTarget.Kubernetes("tensor-wasm", "tensor-wasm-3", ""));
        assertThat(fleet.memberAt("10.0.0.13:8080")).map(FleetMember::name).contains("replica-3");
        assertThat(fleet.members().get(1).placeholders())
                .containsEntry("member", "replica-2")
                .containsEntry("member.url", "http://10.0.0.12:8080")
                .containsEntry("member.server", "web-2")
                .containsEntry("member.instance", "10.0.0.12:8080");
    }

    @Test
    void aBadFileSaysWhatIsWrongAndWhere() {
        assertProblem(
                GOOD.replace("    server: web-2\n", "    sever: web-2\n"),
                "/etc/twops/fleet.yml:10:5: unknown key \"sever\" in members[1]; did you mean"
                        + " \"server\"?");
        assertProblem(
                GOOD.replace("url: http://10.0.0.13:8080", "url: ftp://10.0.0.13"),
                "/etc/twops/fleet.yml:12:5: members[2]: \"ftp://10.0.0.13\": member replica-3"
                        + " needs an http(s) URL with a host");
        assertProblem(
                GOOD.replace("name: replica-3", "name: replica-1"),
                "/etc/twops/fleet.yml:4:1: \"replica-1\": two members have the same member name");
        assertProblem(
                GOOD.replace("socket: haproxy.sock, ", ""),
                "/etc/twops/fleet.yml:3:1: load_balancer: the load balancer needs either a socket"
                        + " (a UNIX socket's path) or an address (host:port), not neither");
        assertProblem(
                GOOD.replace("{systemd: tensor-wasm.service, sudo: true}", "{docker: tw}"),
                "/etc/twops/fleet.yml:11:5: members[1].target: one of {local: DIRECTORY},"
                        + " {systemd: UNIT, sudo: true|false}, {kubernetes: DEPLOYMENT, namespace:"
                        + " NS, context: CTX}");
        assertProblem(
                "members: [", "/etc/twops/fleet.yml:1:11: bad YAML: while parsing a flow node");
        assertProblem(
                GOOD.replace("name: production\n", ""), "/etc/twops/fleet.yml:1:1: no \"name\"");
    }

    private static void assertProblem(String yaml, String message) {
        assertThatThrownBy(() -> FleetFile.parse(FILE, yaml))
                .isInstanceOf(RunbookFormatException.class)
                .hasMessageStartingWith(message);
    }
}
