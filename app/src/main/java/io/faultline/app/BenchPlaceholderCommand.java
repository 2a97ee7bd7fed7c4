package io.faultline.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code faultline bench} as this jar knows it: a name in the verb list and a pointer. The benchmarks
 * live in the benchmarks module, which depends on this one; its launcher
 * ({@code benchmarks/target/faultline-bench.jar}, run by the {@code faultline} script for
 * {@code bench}) puts the real command in this one's place.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks that print their figures.",
                "They are in the benchmarks module: './faultline bench ...' runs them (from "
                        + "benchmarks/target/faultline-bench.jar); this jar has only their name."})
final class BenchPlaceholderCommand implements Callable<Integer> {

    /** {@code e2e}, {@code statuspages} …: all get the same answer here. */
    @Unmatched
    List<String> rest = new ArrayList<>();

    @Override
    public Integer call() {
        throw new ErrorReport.ExitCodeException(ErrorReport.USAGE, "the benchmarks are not in this jar: run them with "
                + "'./faultline bench ...' (or 'java -jar benchmarks/target/faultline-bench.jar bench ...')");
    }
}
