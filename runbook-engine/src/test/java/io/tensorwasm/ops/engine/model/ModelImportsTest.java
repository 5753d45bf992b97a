package io.tensorwasm.ops.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ModelImportsTest {

    private static final Path MODEL = Path.of("src/main/java/io/tensorwasm/ops/engine/model");

    @Test
    void modelImportsOnlyJavaPackages() throws IOException {
        List<String> imports;
        try (Stream<Path> files = Files.list(MODEL)) {
            imports =
                    files.filter(p -> p.toString().endsWith(".java"))
                            .flatMap(ModelImportsTest::lines)
                            .filter(l -> l.startsWith("import "))
                            .toList();
        }
        assertThat(imports).isNotEmpty().allMatch(l -> l.matches("import (static )?java\\..*"));
    }

    @Test
    void modelUsesNoFullyQualifiedNameOutsideJava() throws IOException {
        try (Stream<Path> files = Files.list(MODEL)) {
            assertThat(
                            files.filter(p -> p.toString().endsWith(".java"))
                                    .flatMap(ModelImportsTest::lines))
                    .noneMatch(
                            l ->
                                    l.matches(
                                                    ".*\\b(com|org|dev|io\\.(?!tensorwasm\\.ops\\.engine\\.model))\\.[a-z]+\\..*")
                                            && !l.startsWith("package"));
        }
    }

    @Test
    void positionPrintsFileLineAndColumn() {
        RunbookFormatException e =
                new RunbookFormatException(
                        Path.of("runbooks/rollback.md"), 42, 3, "unknown action verb \"restrat\"");

        assertThat(e).hasMessage("runbooks/rollback.md:42:3: unknown action verb \"restrat\"");
        assertThat(e.line()).isEqualTo(42);
        assertThat(e.column()).isEqualTo(3);
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
