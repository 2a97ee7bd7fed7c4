package io.faultline.app.demo;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * {@code --replay} of {@code faultline demo} and {@code faultline bench e2e} (a picocli mixin): the past
 * outage played through the embedded stack, by default the one both are scored and timed on.
 */
public final class DemoReplayOption {

    /** The replay played when none is given, relative to the checkout. */
    public static final String DEFAULT = "replays/aws-us-east-1-2021-12-07";

    @Option(names = "--replay", description = "Replay folder or archive (default: " + DEFAULT + ").")
    Path replay;

    /** The replay given, else {@link #DEFAULT} under the checkout {@code home}. */
    public Path resolve(Path home) {
        return replay != null ? replay : home.resolve(DEFAULT);
    }
}
