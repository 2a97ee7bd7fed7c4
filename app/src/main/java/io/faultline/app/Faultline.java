package io.faultline.app;

import io.faultline.app.evaluate.EvaluateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code faultline} launcher. Subcommands are added as the pipeline's parts land. */
@Command(name = "faultline", mixinStandardHelpOptions = true, versionProvider = Faultline.Version.class,
        description = "Real-time correlated-outage detection: status pages, social posts and probes in, "
                + "\"these services are one outage, and it is AWS us-east-1\" out.",
        subcommands = {DemoCommand.class, CatalogCommand.class, IngestCommand.class, ReplayCommand.class,
                RecordCommand.class, RunCommand.class, IpRangesCommand.class, DiscoverCommand.class,
                MigrateCommand.class, ApiCommand.class, ClickHouseCommand.class, EvaluateCommand.class, NetworksCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Faultline implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = new CommandLine(new Faultline())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("faultline " + cmd.getCommandName() + ": " + e.getMessage());
                    return 1;
                })
                .execute(args);
        System.exit(code);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Faultline.class.getPackage().getImplementationVersion();
            return new String[] {"faultline " + (v == null ? "(development build)" : v)};
        }
    }
}
