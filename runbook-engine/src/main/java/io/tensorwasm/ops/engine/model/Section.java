package io.tensorwasm.ops.engine.model;

import java.util.Objects;

/**
 * An H2 section of a runbook page.
 *
 * @param title the heading text
 * @param position where the heading is
 */
public record Section(String title, Position position) {

    public Section {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(position, "position");
    }
}
