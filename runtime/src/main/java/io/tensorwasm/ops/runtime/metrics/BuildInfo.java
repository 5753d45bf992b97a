package io.tensorwasm.ops.runtime.metrics;

import java.util.Locale;
import java.util.Objects;

/**
 * The labels of {@code tensor_wasm_build_info}.
 *
 * @param version the release tag, as {@code tensor-wasm --version} prints it ({@code v0.1.0})
 * @param gitSha the commit the build came from, or {@code unknown}
 * @param javaVersion the JVM's version
 * @param profile {@code release} or {@code dev}
 * @param target architecture and operating system, {@code amd64-linux}
 */
public record BuildInfo(
        String version, String gitSha, String javaVersion, String profile, String target) {

    public BuildInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(gitSha, "gitSha");
        Objects.requireNonNull(javaVersion, "javaVersion");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(target, "target");
    }

    /** This JVM's build info for the given version, commit and profile. */
    public static BuildInfo of(String version, String gitSha, String profile) {
        return new BuildInfo(
                version,
                gitSha,
                System.getProperty("java.version"),
                profile,
                System.getProperty("os.arch")
                        + "-"
                        + System.getProperty("os.name").toLowerCase(Locale.ROOT));
    }
}
