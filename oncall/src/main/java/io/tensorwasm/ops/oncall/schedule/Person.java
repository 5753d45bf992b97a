package io.tensorwasm.ops.oncall.schedule;

import java.util.Objects;
import java.util.Optional;

/**
 * Someone who can be on call. Importers match people by email, so a person imported from two tools
 * is one person here.
 *
 * @param name how schedules, pages and the console name them
 * @param email their address, if known
 * @param source where they came from
 */
public record Person(String name, Optional<String> email, String source) {

    public Person {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a person needs a name");
        }
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(source, "source");
    }
}
