package io.faultline.app.ingest;

import picocli.CommandLine.Command;
import io.faultline.app.CommandGroup;

/** {@code faultline ingest <source>}: run one source adapter against an existing Kafka cluster and registry. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Read a live source into the raw topics (Avro, schema registry).",
        subcommands = {IngestStatusPagesCommand.class, IngestSocialCommand.class, IngestProbesCommand.class})
public final class IngestCommand extends CommandGroup {
}
