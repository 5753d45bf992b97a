package io.tensorwasm.ops.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageGraphTest {

    @TempDir Path sources;

    @Test
    void findsACycleThroughAnImportAndAFullyQualifiedName() throws IOException {
        write("a/A.java", "package x.a;\nimport x.b.B;\nclass A {}\n");
        write("b/B.java", "package x.b;\nclass B { x.c.C c; }\n");
        write("c/C.java", "package x.c;\nimport static x.a.A.run;\nclass C {}\n");
        write(
                "d/D.java",
                "package x.d;\nimport x.a.A.Inner;\nimport java.util.List;\nclass D {}\n");

        PackageGraph graph = PackageGraph.of(sources, "x");

        assertThat(graph.cycles()).containsExactly("x.a -> x.b -> x.c -> x.a");
        assertThat(graph.imports("x.d")).containsExactly("x.a");
    }

    @Test
    void layersHaveNoCycle() throws IOException {
        write("a/A.java", "package x.a;\nimport x.b.B;\nclass A {}\n");
        write("b/B.java", "package x.b;\nclass B {}\n");

        assertThat(PackageGraph.of(sources, "x").cycles()).isEmpty();
    }

    @Test
    void namesAFolderWithoutSourcesOfThePackage() {
        assertThatThrownBy(() -> PackageGraph.of(sources, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(sources + ": no source file of package x");
    }

    private void write(String name, String text) throws IOException {
        Path file = sources.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
