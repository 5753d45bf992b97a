package io.tensorwasm.ops.engine.model;

import java.util.Objects;

/**
 * A fenced {@code promql} block of a page, such as a first-look query, with the paragraph before
 * it, which says what its result means (and, on alert pages, which dashboard panel shows it).
 *
 * @param expression the PromQL, trimmed
 * @param caption the plain text of the paragraph right before the block, or empty
 * @param position where the fence starts
 */
public record Query(String expression, String caption, Position position) {

    public Query {
        Objects.requireNonNull(expression, "expression");
        caption = caption == null ? "" : caption;
        Objects.requireNonNull(position, "position");
    }
}
