package io.tensorwasm.ops.oncall.catalogue;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.List;

/**
 * The change of a runbook page since a run pinned it (issue #19): a unified diff of the text that
 * ran against the page the catalogue has now, computed by java-diff-utils.
 *
 * <pre>{@code
 * List<String> lines = PageDiff.unified("rollback.md", pinnedText, currentText);
 * }</pre>
 */
public final class PageDiff {

    private static final int CONTEXT = 3;

    private PageDiff() {}

    /**
     * The unified diff lines, {@code ---}/{@code +++} headers first; empty when nothing changed.
     */
    public static List<String> unified(String file, String ran, String now) {
        List<String> before = ran.lines().toList();
        List<String> after = now.lines().toList();
        Patch<String> patch = DiffUtils.diff(before, after);
        if (patch.getDeltas().isEmpty()) {
            return List.of();
        }
        return UnifiedDiffUtils.generateUnifiedDiff(
                file + " (as it ran)", file + " (now)", before, patch, CONTEXT);
    }
}
