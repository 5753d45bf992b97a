package io.tensorwasm.ops.engine.model;

import java.nio.file.Path;

/** A runbook that cannot be read; prints {@code runbooks/rollback.md:42:3: reason}. */
public final class RunbookFormatException extends RunbookException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public RunbookFormatException(Problem problem) {
        super(problem.toString());
        this.problem = problem;
    }

    public RunbookFormatException(Path file, int line, int column, String reason) {
        this(new Problem(new Position(file, line, column), reason));
    }

    /** The file, line, column and reason. */
    public Problem problem() {
        return problem;
    }

    /** The file. */
    public Path file() {
        return problem.position().file();
    }

    /** The line, from 1. */
    public int line() {
        return problem.position().line();
    }

    /** The column, from 1. */
    public int column() {
        return problem.position().column();
    }
}
