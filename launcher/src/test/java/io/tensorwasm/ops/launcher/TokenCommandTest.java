package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TokenCommandTest {

    @TempDir Path data;

    @Test
    void issuesOnceListsWithoutSecretsAndRevokes() {
        Run issued = twops("token", "issue", "Ana Ortiz", "--role", "operator");
        assertThat(issued.status()).isZero();
        String token = issued.out().strip();
        assertThat(token).matches("twc_[A-Za-z0-9-]+_[A-Za-z0-9_-]+");
        String id = token.split("_")[1];
        assertThat(issued.err()).contains("issued token " + id + " to Ana Ortiz as operator");

        Run listed = twops("token", "list");
        assertThat(listed.out())
                .contains(id)
                .contains("operator")
                .contains("Ana Ortiz")
                .doesNotContain(token.substring(token.lastIndexOf('_') + 1));

        assertThat(twops("token", "revoke", id).out().strip()).isEqualTo("revoked " + id);
        Run again = twops("token", "revoke", id);
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err().strip()).isEqualTo(id + ": no active token has this id");
        assertThat(twops("token", "list").out()).doesNotContain(id);
    }

    @Test
    void refusesAnUnknownRoleAndNamesTheValidOnes() {
        Run run = twops("token", "issue", "Bo", "--role", "root");
        assertThat(run.status()).isNotZero();
        assertThat(run.err())
                .contains("root: unknown role; roles are viewer, operator, approver," + " admin");
    }

    private Run twops(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] withData = new String[args.length + 2];
        System.arraycopy(args, 0, withData, 0, args.length);
        withData[args.length] = "--data-dir";
        withData[args.length + 1] = data.toString();
        int status =
                new CommandLine(new TwopsCommand())
                        .setOut(new PrintWriter(out, true))
                        .setErr(new PrintWriter(err, true))
                        .execute(withData);
        return new Run(status, out.toString(), err.toString());
    }

    private record Run(int status, String out, String err) {}
}
