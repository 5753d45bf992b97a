package io.tensorwasm.ops.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Files of the catalogue outside this module: the runbook index, docs/SLO.md, the dashboard. */
final class Repository {

    static final Path ROOT = root();

    private static final Pattern INDEX_ROW =
            Pattern.compile(
                    "\\| (TensorWasm[A-Za-z]+) \\| (.+?) \\| (page|ticket) \\| \\[([a-z-]+)]\\(.+\\) \\|");

    private Repository() {}

    static String read(String relative) {
        try {
            return Files.readString(ROOT.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of an alert-to-runbook index table: alert, condition, severity, runbook id. */
    static List<List<String>> indexRows(String relative) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : read(relative).split("\n")) {
            Matcher m = INDEX_ROW.matcher(line);
            if (m.matches()) {
                rows.add(List.of(m.group(1), m.group(2), m.group(3), m.group(4)));
            }
        }
        return rows;
    }

    // Tests run in the module directory; the repository root is the parent holding runbooks/.
    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("alerts"))
                    && Files.isDirectory(dir.resolve("runbooks"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                Path.of("").toAbsolutePath() + ": not inside the repository");
    }
}
