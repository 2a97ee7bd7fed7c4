package io.faultline.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code faultline ingest <source>}: run one source adapter against an existing Kafka cluster and registry. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Ingest a live source into the raw topics of an existing Kafka cluster.",
        subcommands = {IngestSocialCommand.class})
public final class IngestCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
