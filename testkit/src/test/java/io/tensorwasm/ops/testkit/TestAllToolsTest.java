package io.tensorwasm.ops.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's test command ({@code bin/test-all}, which CI runs) installs every tool a test
 * locates, so a fresh machine runs every test instead of failing one for a missing program (FleetIT
 * needed haproxy and wrk, which it did not install).
 */
class TestAllToolsTest {

    @Test
    void binTestAllInstallsEveryToolTheTestsLocate() throws Exception {
        String script = Files.readString(Path.of("../bin/test-all"));
        String installLine =
                script.substring(
                        script.indexOf("install-tools\" --for test-all"),
                        script.indexOf("\n\n", script.indexOf("install-tools\" --for test-all")));
        List<String> named = Arrays.asList(installLine.replace("\\\n", " ").split("\\s+"));
        List<String> missing = new ArrayList<>();
        for (Field field : Tool.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Tool.class) {
                String command = ((Tool) field.get(null)).command();
                if (!named.contains(command) && !aliasNamed(command, named)) {
                    missing.add(command);
                }
            }
        }
        assertThat(missing).as("tools bin/test-all does not install").isEmpty();
    }

    /** install-tools names Alertmanager and Postgres's server by their sibling commands. */
    private static boolean aliasNamed(String command, List<String> named) {
        return switch (command) {
            case "postgres", "pg_ctl" -> named.contains("initdb");
            default -> false;
        };
    }
}
