package io.faultline.core.catalog;

import java.util.List;

/**
 * The catalog cannot be turned into a graph. The message names every offending id (up to a limit),
 * {@link #problems()} holds the full list so an operator can log or publish it.
 */
public final class CatalogValidationException extends IllegalArgumentException {

    private static final int PROBLEMS_IN_MESSAGE = 20;

    private final List<String> problems;

    public CatalogValidationException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        StringBuilder text = new StringBuilder("catalog has ").append(problems.size())
                .append(problems.size() == 1 ? " problem: " : " problems: ");
        int shown = Math.min(problems.size(), PROBLEMS_IN_MESSAGE);
        text.append(String.join("; ", problems.subList(0, shown)));
        if (shown < problems.size()) {
            text.append("; ... and ").append(problems.size() - shown).append(" more");
        }
        return text.toString();
    }
}
