package io.faultline.app.metrics;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * One condition {@code /readyz} requires. {@link #problem()} is empty when it holds, or says what is
 * wrong in a few words ("state is REBALANCING"). A check must return within a few seconds: it runs on
 * the request's thread, and a probe that hangs is worse than one that says no.
 */
public interface ReadinessCheck {

    /** Short name shown in the answer, e.g. {@code kafka}, {@code kafka-streams}, {@code flink-job}. */
    String name();

    Optional<String> problem();

    /** A check from a supplier of its problem (empty = ready). */
    static ReadinessCheck of(String name, Supplier<Optional<String>> problem) {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<String> problem() {
                return problem.get();
            }
        };
    }
}
