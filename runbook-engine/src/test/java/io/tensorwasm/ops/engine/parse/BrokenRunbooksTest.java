package io.tensorwasm.ops.engine.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.model.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BrokenRunbooksTest {

    private static final Path BROKEN = Path.of("src/test/resources/runbooks/broken");

    static Stream<Arguments> brokenRunbooks() throws IOException {
        List<String> lines = Files.readAllLines(BROKEN.resolve("expected.txt"));
        List<String> expected =
                lines.stream().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        try (Stream<Path> files = Files.list(BROKEN)) {
            List<String> names =
                    files.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".md"))
                            .sorted()
                            .toList();
            assertThat(names).hasSizeGreaterThanOrEqualTo(20);
            assertThat(expected)
                    .extracting(l -> l.substring(0, l.indexOf(':')))
                    .containsExactlyElementsOf(names);
        }
        return expected.stream().map(l -> Arguments.of(l.substring(0, l.indexOf(':')), l));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRunbooks")
    void reportsExactlyTheExpectedProblemWithFileLineAndColumn(String file, String expected) {
        LintReport report = Catalog.lint(BROKEN.resolve(file));

        assertThat(report.problems())
                .extracting(Problem::toString)
                .containsExactly(BROKEN.resolve(file) + expected.substring(file.length()));
    }
}
