package io.tensorwasm.ops.engine.model;

/**
 * A count of fleet members, written as a number ({@code 2}) or a percentage of the fleet ({@code
 * 50%}), as Ansible's {@code serial} and {@code max_fail_percentage} are.
 *
 * @param value the number, or the percentage
 * @param percent whether {@code value} is a percentage
 */
public record Share(int value, boolean percent) {

    public Share {
        if (value < 0 || (percent && value > 100)) {
            throw new IllegalArgumentException(
                    value
                            + (percent ? "%" : "")
                            + ": a share is 0 or more, a percentage at most 100");
        }
    }

    /** How many members of a fleet of {@code total} it is: a percentage rounds down. */
    public int of(int total) {
        return percent ? total * value / 100 : value;
    }

    @Override
    public String toString() {
        return value + (percent ? "%" : "");
    }
}
