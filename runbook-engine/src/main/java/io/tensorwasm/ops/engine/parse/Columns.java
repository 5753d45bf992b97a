package io.tensorwasm.ops.engine.parse;

import io.tensorwasm.ops.engine.check.Suggestions;
import io.tensorwasm.ops.engine.model.Position;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The columns of a steps table, found by their header names in any order. */
final class Columns {

    static final String STEP = "Step";
    static final String ACTION = "Action";
    static final String EXPECTED = "Expected";
    static final String WITHIN = "Within";
    static final String ON_FAILURE = "On failure";
    static final String ESTIMATE = "Estimate";

    static final List<String> NAMES = List.of(STEP, ACTION, EXPECTED, WITHIN, ON_FAILURE, ESTIMATE);

    private final Map<String, Integer> index;

    private Columns(Map<String, Integer> index) {
        this.index = index;
    }

    /** The columns of a header row, or null when it is not a steps table (no Step column). */
    static Columns of(List<Cell> header) {
        Map<String, Integer> index = new HashMap<>();
        boolean stepsTable = header.stream().anyMatch(c -> c.text().equalsIgnoreCase(STEP));
        if (!stepsTable) {
            return null;
        }
        for (int i = 0; i < header.size(); i++) {
            Cell cell = header.get(i);
            String name =
                    NAMES.stream()
                            .filter(n -> n.equalsIgnoreCase(cell.text()))
                            .findFirst()
                            .orElse(null);
            if (name == null) {
                throw cell.error(
                        0,
                        "unknown column \""
                                + cell.text()
                                + "\""
                                + Suggestions.hint(
                                        cell.text(),
                                        NAMES,
                                        "a steps table has " + String.join(", ", NAMES)));
            }
            index.put(name, i);
        }
        for (String required : List.of(ACTION, ESTIMATE)) {
            if (!index.containsKey(required)) {
                Cell last = header.get(header.size() - 1);
                throw last.error(
                        last.text().length(),
                        "steps table has no \""
                                + required
                                + "\" column; a steps table has "
                                + String.join(", ", NAMES));
            }
        }
        return new Columns(index);
    }

    /** The cell of a column, or an empty cell at the row's start when the column is absent. */
    Cell get(List<Cell> cells, String column, Position rowAt) {
        Integer i = index.get(column);
        if (i == null || i >= cells.size()) {
            return new Cell("", rowAt);
        }
        return cells.get(i);
    }
}
