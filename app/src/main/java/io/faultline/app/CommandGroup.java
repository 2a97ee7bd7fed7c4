package io.faultline.app;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A verb that only groups subcommands ({@code faultline catalog}, {@code faultline run}, {@code faultline
 * bench} …): given none, it prints its usage, the list of them, and exits 0. Written once here so that
 * every group answers alike.
 */
public abstract class CommandGroup implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public final void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
