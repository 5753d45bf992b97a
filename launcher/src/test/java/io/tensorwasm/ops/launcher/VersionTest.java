package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.launcher.runtime.TensorWasmCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VersionTest {

    @Test
    void tagIsVFollowedBySemanticVersion() {
        assertThat(Version.tag()).matches("v\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void tensorWasmVersionPrintsTheTag() {
        StringWriter out = new StringWriter();
        int status =
                new CommandLine(new TensorWasmCommand())
                        .setOut(new PrintWriter(out))
                        .execute("--version");
        assertThat(status).isZero();
        assertThat(out.toString().strip()).isEqualTo(Version.tag());
    }
}
