package io.tensorwasm.ops.engine.store;

import java.util.Objects;

/**
 * The exact text of a runbook version that ran, kept once per content hash (issue #19).
 *
 * @param contentHash the SHA-256 of the text, as executions record it
 * @param runbookId the runbook
 * @param fileName the file it was read from, without its folder (its suffix picks the parser)
 * @param text the page, or the block of a seed-style file
 */
public record RunbookText(String contentHash, String runbookId, String fileName, String text) {

    public RunbookText {
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(runbookId, "runbookId");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(text, "text");
    }
}
