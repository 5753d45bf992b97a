package io.tensorwasm.ops.engine.model;

import java.util.List;
import java.util.Objects;

/**
 * An H2 section of a runbook page.
 *
 * @param title the heading text
 * @param position where the heading is
 * @param markdown the section's Markdown below its heading, as written
 * @param queries its fenced {@code promql} blocks, in order
 */
public record Section(String title, Position position, String markdown, List<Query> queries) {

    public Section {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(position, "position");
        markdown = markdown == null ? "" : markdown;
        queries = List.copyOf(queries);
    }

    /** A section known only by its heading. */
    public Section(String title, Position position) {
        this(title, position, "", List.of());
    }
}
