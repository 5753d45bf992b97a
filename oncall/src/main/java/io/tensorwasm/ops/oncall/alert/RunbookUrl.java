package io.tensorwasm.ops.oncall.alert;

import io.tensorwasm.ops.engine.model.Texts;
import java.net.URI;
import java.util.Optional;

/**
 * The {@code runbook_url} of an alert and the links of pages: a runbook is {@code
 * CONSOLE/runbooks/ID}; a link written as a file ({@code .../rollback.md}, with a query or a
 * fragment) names the same runbook.
 */
public final class RunbookUrl {

    private RunbookUrl() {}

    /** The console's link to a runbook. */
    public static URI of(URI console, String runbookId) {
        return URI.create(Texts.base(console) + "/runbooks/" + runbookId);
    }

    /**
     * The runbook id a URL ends with: {@code http://console/runbooks/rollback} and {@code
     * .../rollback.md#step-3} both give {@code rollback}. Empty when the URL names none.
     *
     * @throws IllegalArgumentException when the text is not a URL, with the text and why
     */
    public static Optional<String> id(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(
                    "\"" + Texts.clip(url, 200) + "\" is not a URL: " + e.getReason(), e);
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        String id = last.endsWith(".md") ? last.substring(0, last.length() - 3) : last;
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    /** As {@link #id(String)}, with empty for a text that is not a URL: for display only. */
    public static Optional<String> idIfUrl(String url) {
        try {
            return id(url);
        } catch (IllegalArgumentException notUrl) {
            return Optional.empty();
        }
    }
}
