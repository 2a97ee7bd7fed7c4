package io.faultline.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code faultline run <part>}: run one part of the pipeline against existing Kafka / registry / Flink. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run one part of the pipeline against an existing Kafka cluster, schema registry and Flink.",
        subcommands = {RunCorrelationCommand.class})
public final class RunCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
