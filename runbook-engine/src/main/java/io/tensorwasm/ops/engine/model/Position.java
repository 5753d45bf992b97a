package io.tensorwasm.ops.engine.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A place in a runbook file, 1-based, printed as {@code runbooks/rollback.md:42:3}.
 *
 * @param file the file as the user named it
 * @param line the line, from 1
 * @param column the column, from 1
 */
public record Position(Path file, int line, int column) {

    public Position {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException(
                    line + ":" + column + ": positions start at line 1, column 1");
        }
    }

    /** The start of a file. */
    public static Position of(Path file) {
        return new Position(file, 1, 1);
    }

    /** The same line, {@code offset} columns further right. */
    public Position plusColumns(int offset) {
        return new Position(file, line, column + offset);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
