package io.faultline.app.ingest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code faultline ingest <source>}: run one source adapter against an existing Kafka cluster and registry. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Read a live source into the raw topics (Avro, schema registry).",
        subcommands = {IngestStatusPagesCommand.class, IngestSocialCommand.class, IngestProbesCommand.class})
public final class IngestCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
