package io.faultline.app;

import io.faultline.app.evaluate.EvaluateCommand;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import io.faultline.app.api.ApiCommand;
import io.faultline.app.catalog.CatalogCommand;
import io.faultline.app.clickhouse.ClickHouseCommand;
import io.faultline.app.clickhouse.MigrateCommand;
import io.faultline.app.demo.DemoCommand;
import io.faultline.app.discover.DiscoverCommand;
import io.faultline.app.ingest.IngestCommand;
import io.faultline.app.networks.IpRangesCommand;
import io.faultline.app.networks.NetworksCommand;
import io.faultline.app.replay.RecordCommand;
import io.faultline.app.replay.ReplayCommand;
import io.faultline.app.run.RunCommand;

/** The {@code faultline} launcher. Subcommands are added as the pipeline's parts land. */
@Command(name = "faultline", mixinStandardHelpOptions = true, versionProvider = Faultline.Version.class,
        description = "Real-time correlated-outage detection: status pages, social posts and probes in, "
                + "\"these services are one outage, and it is AWS us-east-1\" out.",
        subcommands = {DemoCommand.class, CatalogCommand.class, IngestCommand.class, ReplayCommand.class,
                RecordCommand.class, RunCommand.class, IpRangesCommand.class, DiscoverCommand.class,
                MigrateCommand.class, ApiCommand.class, ClickHouseCommand.class, EvaluateCommand.class, NetworksCommand.class, BenchPlaceholderCommand.class,
                HelpPathCommand.class})
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
        return execute(List.of(), args);
    }

    /**
     * As {@link #execute(String...)}, with {@code verbs} (picocli commands) in place of the built-in verbs of
     * the same name, in the same place of the list: the benchmarks module's launcher passes the real
     * {@code bench} this way (this module cannot depend on it).
     */
    public static int execute(List<Object> verbs, String... args) {
        boolean verbose = ErrorReport.verbose(args);
        CommandLine faultline = new CommandLine(new Faultline());
        Map<String, Object> replacements = new LinkedHashMap<>();
        for (Object verb : verbs) {
            replacements.put(new CommandLine(verb).getCommandName(), verb);
        }
        if (!replacements.isEmpty()) {
            List<String> names = new ArrayList<>(faultline.getSubcommands().keySet());
            if (!names.containsAll(replacements.keySet())) {
                throw new IllegalArgumentException("not verbs of faultline: " + replacements.keySet() + " (they replace verbs, "
                        + "by name)");
            }
            // every verb taken out and put back in order, each as a fresh CommandLine (one that was added
            // before already carries the inherited --verbose)
            for (String name : names) {
                Object verb = faultline.getCommandSpec().removeSubcommand(name).getCommandSpec().userObject();
                faultline.addSubcommand(name, new CommandLine(replacements.getOrDefault(name, verb)));
            }
        }
        return faultline
                .registerConverter(Instant.class, Faultline::instant)
                .registerConverter(Duration.class, new DurationConverter())
                .setParameterExceptionHandler((e, args2) -> {
                    // one line naming the mistake, and where to read on; the full usage only on --help
                    CommandLine cmd = e.getCommandLine();
                    cmd.getErr().println(qualifiedName(cmd) + ": " + e.getMessage());
                    cmd.getErr().println("  see '" + qualifiedName(cmd) + " --help'");
                    return ErrorReport.USAGE;
                })
                .setExecutionExceptionHandler((e, cmd, parsed) ->
                        ErrorReport.report(e, qualifiedName(cmd), cmd.getErr(), verbose))
                .execute(args);
    }

    /** ISO-8601 instants, with the format named when the value is not one. */
    static Instant instant(String value) {
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a UTC time in ISO-8601 form, "
                    + "e.g. 2021-12-07T15:30:00Z");
        }
    }

    /** "faultline replay", "faultline networks install", or "faultline" for the top level. */
    private static String qualifiedName(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName(" ");
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
