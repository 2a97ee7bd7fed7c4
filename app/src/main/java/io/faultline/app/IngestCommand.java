package io.faultline.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code faultline ingest <source>}: run one source adapter against a cluster. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Read a live source into the raw topics (Avro, schema registry).",
        subcommands = {IngestStatusPagesCommand.class})
public final class IngestCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
