package io.tensorwasm.ops.testkit;

/** A binary that a test needs is not installed; the message names the Debian package. */
public final class MissingToolException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    MissingToolException(Tool tool, String searched) {
        super(
                tool.command()
                        + ": not found in "
                        + searched
                        + "; install the Debian package \""
                        + tool.debianPackage()
                        + "\" (apt-get install -y "
                        + tool.debianPackage()
                        + "), or run the README's test command, which installs it");
    }
}
