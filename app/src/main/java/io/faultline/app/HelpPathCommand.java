package io.faultline.app;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code faultline help [COMMAND...]}: the usage of a command at any depth ({@code help catalog
 * validate}), where picocli's own help command only looks one level down. An unknown name is a
 * usage error listing the names that exist there.
 */
@Command(name = "help", description = "Show the usage of a command: 'faultline help catalog validate'.")
final class HelpPathCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, and its subcommands, to show.")
    List<String> path = new ArrayList<>();

    @Override
    public Integer call() {
        CommandLine cmd = spec.parent().commandLine();
        for (String name : path) {
            CommandLine next = cmd.getSubcommands().get(name);
            if (next == null) {
                cmd.getErr().println("faultline help: '" + name + "' is not a command of '" + cmd.getCommandSpec().qualifiedName()
                        + "'" + (cmd.getSubcommands().isEmpty() ? " (it has none)"
                        : "; try one of " + String.join(", ", cmd.getSubcommands().keySet())));
                return ErrorReport.USAGE;
            }
            cmd = next;
        }
        cmd.usage(cmd.getOut());
        return 0;
    }
}
