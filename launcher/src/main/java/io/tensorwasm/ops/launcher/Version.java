package io.tensorwasm.ops.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** The platform's version, as Maven wrote it into {@code version.properties} at build time. */
public final class Version implements CommandLine.IVersionProvider {

    /**
     * Returns the version with a leading {@code v}, as the seed runbooks expect: {@code v0.1.0}.
     */
    public static String tag() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the launcher");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "v" + properties.getProperty("version");
    }

    @Override
    public String[] getVersion() {
        return new String[] {tag()};
    }
}
