package io.faultline.bench;

import io.faultline.bench.e2e.BenchE2eCommand;
import io.faultline.bench.statuspages.BenchStatusPagesCommand;
import picocli.CommandLine.Command;
import io.faultline.app.CommandGroup;

/** {@code faultline bench}: benchmarks that print figures (no timed tests anywhere). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print their figures.",
        subcommands = {BenchE2eCommand.class, BenchStatusPagesCommand.class})
public final class BenchCommand extends CommandGroup {
}
