package io.faultline.bench;

import io.faultline.app.Faultline;
import java.util.List;

/**
 * The {@code faultline} launcher with the real {@code bench} verb in place of the app's placeholder:
 * the main class of {@code benchmarks/target/faultline-bench.jar}, which the {@code faultline} script
 * runs for {@code faultline bench …} and {@code faultline help bench …}. Every other verb, the error
 * report and the exit codes are the app's own.
 */
public final class FaultlineWithBench {

    private FaultlineWithBench() {
    }

    public static void main(String[] args) {
        System.exit(Faultline.execute(List.of(new BenchCommand()), args));
    }
}
