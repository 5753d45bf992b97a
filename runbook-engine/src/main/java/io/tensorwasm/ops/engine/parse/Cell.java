package io.tensorwasm.ops.engine.parse;

import io.tensorwasm.ops.engine.model.Position;
import io.tensorwasm.ops.engine.model.Problem;
import io.tensorwasm.ops.engine.model.RunbookFormatException;

/**
 * Text from a runbook with the position of its first character.
 *
 * @param text the text, trimmed
 * @param position where the text starts
 */
record Cell(String text, Position position) {

    /** Trims the text and strips one pair of backticks around all of it, moving the position. */
    static Cell of(String raw, Position start) {
        int lead = 0;
        while (lead < raw.length() && Character.isWhitespace(raw.charAt(lead))) {
            lead++;
        }
        String text = raw.strip();
        if (text.length() >= 2
                && text.startsWith("`")
                && text.endsWith("`")
                && text.indexOf('`', 1) == text.length() - 1) {
            text = text.substring(1, text.length() - 1);
            lead++;
        }
        return new Cell(text.replace("\\|", "|"), start.plusColumns(lead));
    }

    boolean isEmpty() {
        return text.isEmpty();
    }

    /** A problem at an offset into the text. */
    RunbookFormatException error(int offset, String message) {
        return new RunbookFormatException(new Problem(position.plusColumns(offset), message));
    }
}
