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
                MigrateCommand.class, ApiCommand.class, EvaluateCommand.class, NetworksCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Faultline implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "On failure, print the full error trace (also: FAULTLINE_LOG_LEVEL=debug).")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (see {@link ErrorReport} and docs/errors.md). */
    public static int execute(String... args) {
        boolean verbose = ErrorReport.verbose(args);
        return new CommandLine(new Faultline())
                .setExecutionExceptionHandler((e, cmd, parsed) ->
                        ErrorReport.report(e, qualifiedName(cmd), cmd.getErr(), verbose))
                .execute(args);
    }

    private static String qualifiedName(CommandLine cmd) {
        String name = cmd.getCommandSpec().qualifiedName(" ");
        return name.startsWith("faultline ") ? name.substring("faultline ".length()) : name;
    }

    @Override
    public void run() {
        // no subcommand is a usage error: say what there is and exit non-zero
        spec.commandLine().usage(System.err);
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see the list above)");
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
