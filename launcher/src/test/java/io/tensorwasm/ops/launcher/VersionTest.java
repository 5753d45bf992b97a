package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.launcher.runtime.TensorWasmCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VersionTest {

    @Test
    void tagIsVFollowedBySemanticVersion() {
        assertThat(Version.tag()).matches("v\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void tensorWasmVersionPrintsTheVersionOfTheBuild() throws Exception {
        // The build's version as the reactor's root pom states it: a source independent of the
        // Version class under test.
        String pom = Files.readString(Path.of("..", "pom.xml"));
        Matcher version =
                Pattern.compile(
                                "<artifactId>tensorwasm-ops-parent</artifactId>\\s*<version>([^<]+)</version>")
                        .matcher(pom);
        assertThat(version.find()).as("the root pom's version").isTrue();
        StringWriter out = new StringWriter();
        int status =
                new CommandLine(new TensorWasmCommand())
                        .setOut(new PrintWriter(out))
                        .execute("--version");
        assertThat(status).isZero();
        assertThat(out.toString().strip()).isEqualTo("v" + version.group(1));
    }
}
