package io.faultline.app;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;

/**
 * One run of the {@code faultline} command line in this JVM with its exit code and what it printed:
 * what the command-line tests assert on, set up once here.
 */
public record CliRun(int code, String out, String err) {

    /** Runs {@code args} on {@code cli} (as the test configured it), capturing its out and err. */
    public static CliRun run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs {@code args} on a fresh {@code faultline} command line as picocli runs it. */
    public static CliRun run(String... args) {
        return run(new CommandLine(new Faultline()), args);
    }

    /**
     * Like {@code Faultline.main}, simplified: an exception from a command becomes one line
     * "faultline &lt;command&gt;: message" on stderr and exit 1.
     */
    public static CliRun runReportingErrors(String... args) {
        CommandLine cli = new CommandLine(new Faultline());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("faultline " + cmd.getCommandName() + ": " + e.getMessage());
            return 1;
        });
        return run(cli, args);
    }
}
