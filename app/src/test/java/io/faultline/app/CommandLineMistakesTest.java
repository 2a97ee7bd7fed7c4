package io.faultline.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mistakes a new user makes, and what they get: one line naming the problem, the documented exit
 * code (docs/errors.md), no Java class name or stack trace unless --verbose.
 */
class CommandLineMistakesTest {

    @TempDir
    static Path tmp;

    static Stream<Arguments> mistakes() throws Exception {
        Path truncated = tmp.resolve("truncated.json.gz");
        Files.write(truncated, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3});
        return Stream.of(
                Arguments.of(new String[] {}, ErrorReport.USAGE, "a command is required"),
                Arguments.of(new String[] {"replay", "x", "--from", "2021-13-40"}, ErrorReport.USAGE,
                        "'2021-13-40' is not a UTC time in ISO-8601 form"),
                Arguments.of(new String[] {"replay", "x", "--no-such-option"}, ErrorReport.USAGE, "Unknown option"),
                Arguments.of(new String[] {"replay", tmp.resolve("missing").toString(), "--batch"}, ErrorReport.BAD_INPUT,
                        "no such file or directory"),
                Arguments.of(new String[] {"evaluate", tmp.toString()}, ErrorReport.BAD_INPUT,
                        "no replay folders with an expected.json"),
                Arguments.of(new String[] {"evaluate", "--catalog", "../catalog", "--asn-data", tmp.resolve("nothing").toString(),
                        "../replays/network"}, ErrorReport.BAD_INPUT, "--asn-data"),
                Arguments.of(new String[] {"ingest", "probes", "--interval", "soon"}, ErrorReport.USAGE,
                        "'soon' is not a duration"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void eachMistakeGetsOneClearLineAndItsExitCode(String[] args, int exitCode, String says) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Faultline.execute(args);
        } finally {
            System.setErr(original);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isEqualTo(exitCode);
        assertThat(text).contains(says).doesNotContainPattern("\\bat [a-z]+\\.[a-z]+\\.")
                .doesNotContainPattern("(java|org|io)\\.[a-z]+\\.[A-Za-z.]*(Exception|Error)");
    }

    @ParameterizedTest
    @MethodSource("helpOfEveryLevel")
    void helpIsAnsweredAtEveryLevel(String[] args) {
        assertThat(Faultline.execute(args)).isZero();
    }

    static Stream<Arguments> helpOfEveryLevel() {
        return Stream.of(Arguments.of((Object) new String[] {"networks", "install", "--help"}),
                Arguments.of((Object) new String[] {"help", "catalog"}),
                Arguments.of((Object) new String[] {"replay", "--help"}));
    }
}
