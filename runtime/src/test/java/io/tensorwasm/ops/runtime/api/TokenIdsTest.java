package io.tensorwasm.ops.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenIdsTest {

    @TempDir Path dataDir;

    @Test
    void idsStayTheSameAcrossRestarts() {
        String first = TokenIds.load(dataDir).of("s3cret");
        String again = TokenIds.load(dataDir).of("s3cret");
        assertThat(first).matches("[0-9a-f]{16}").isEqualTo(again).doesNotContain("s3cret");
        assertThat(TokenIds.load(dataDir).of("other")).isNotEqualTo(first);
    }

    @Test
    void keyFileIsReadableByTheOwnerOnly() throws Exception {
        TokenIds.load(dataDir);
        Path key = dataDir.resolve(TokenIds.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
        assertThat(Files.size(key)).isEqualTo(16);
    }

    @Test
    void anotherKeyGivesOtherIds(@TempDir Path elsewhere) {
        assertThat(TokenIds.load(elsewhere).of("s3cret"))
                .isNotEqualTo(TokenIds.load(dataDir).of("s3cret"));
    }
}
