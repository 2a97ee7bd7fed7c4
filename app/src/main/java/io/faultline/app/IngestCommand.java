package io.faultline.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code faultline ingest <source>}: run one source adapter into the raw topics. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Run a source adapter: read a source and write its records to the raw topics.",
        subcommands = {IngestProbesCommand.class})
public final class IngestCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
