package io.faultline.app;

import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The one error path of every command: an exception becomes one line that names what failed (the
 * cause chain condensed, never a Java class name, never "null") and an exit code by kind of failure.
 * With {@code --verbose} or {@code FAULTLINE_LOG_LEVEL=debug} the stack trace follows.
 *
 * <p>Exit codes (docs/errors.md): 1 failure, 2 usage error, 3 partial (some input skipped, counted),
 * 4 a dependency could not be reached, 5 bad input (also a file or folder that cannot be read).
 */
public final class ErrorReport {

    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int PARTIAL = 3;
    public static final int UNREACHABLE = 4;
    public static final int BAD_INPUT = 5;

    private ErrorReport() {
    }

    /** Whether traces were asked for (on the command line or in the environment). */
    public static boolean verbose(String[] args) {
        for (String a : args) {
            if (a.equals("--verbose")) {
                return true;
            }
        }
        return "debug".equalsIgnoreCase(System.getenv("FAULTLINE_LOG_LEVEL"));
    }

    /** Prints the one line (and the trace when verbose) and returns the exit code; {@code command} as typed, e.g. "faultline replay". */
    public static int report(Throwable e, String command, PrintWriter err, boolean verbose) {
        err.println(command + ": " + message(e));
        if (verbose) {
            e.printStackTrace(err);
        } else {
            err.println("  (run again with --verbose for the details)");
        }
        err.flush();
        return exitCode(e);
    }

    /** The cause chain as one line: each distinct message once, outermost first. */
    public static String message(Throwable e) {
        List<String> parts = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = e; t != null && seen.put(t, true) == null; t = t.getCause()) {
            String m = describe(t);
            if (m == null) {
                continue;
            }
            boolean repeated = parts.stream().anyMatch(p -> p.contains(m));
            if (!repeated) {
                parts.removeIf(m::contains);
                parts.add(m);
            }
        }
        return parts.isEmpty() ? "failed without a message (run again with --verbose)" : String.join(": ", parts);
    }

    private static String describe(Throwable t) {
        String m = t instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
        if (m != null) {
            // one line: parsers append the offending text and a caret on the lines below
            m = m.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
            // libraries often prefix a cause's class name ("java.io.IOException: disk full"): drop it
            m = m.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:? ?", "").strip();
        }
        String what;
        if (t instanceof NoSuchFileException x) {
            what = "no such file or directory: " + x.getFile();
        } else if (t instanceof AccessDeniedException x) {
            what = "permission denied: " + x.getFile();
        } else if (t instanceof FileNotFoundException) {
            what = m == null ? "file not found" : m;
        } else if (t instanceof UnknownHostException) {
            what = "unknown host " + (m == null ? "" : m) + " (check the address)";
        } else if (t instanceof java.net.BindException) {
            what = m != null && m.toLowerCase(Locale.ROOT).contains("permission")
                    ? "cannot listen on that port: permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE; "
                    + "pick a port of 1024 or above)"
                    : m != null && m.toLowerCase(Locale.ROOT).contains("in use")
                    ? "cannot listen on that port: it is already in use (pick another port, or stop what listens there)"
                    : "cannot listen on that port" + (m == null ? "" : ": " + m);
        } else if (t instanceof java.io.CharConversionException) {
            what = "not a UTF-8 text file (a binary file where text was expected?)" + (m == null ? "" : ": " + m);
        } else if (t instanceof ConnectException) {
            what = (m == null ? "connection refused" : m) + " (is the server running and the address right?)";
        } else if (t instanceof SocketTimeoutException) {
            what = "timed out" + (m == null ? "" : " (" + m + ")");
        } else if (t instanceof TimeoutException) {
            what = m == null || m.isBlank() ? "timed out" : m;
        } else if (t instanceof OutOfMemoryError) {
            what = "out of memory (raise -Xmx in FAULTLINE_JAVA_OPTS)";
        } else if (t instanceof NullPointerException) {
            what = "internal error (a value was missing; please report this with --verbose output)";
        } else {
            what = m;
        }
        // a wrapper that only repeats its cause is dropped by message(), which keeps each text once
        return what == null || what.isBlank() || what.equals("null") ? null : what.strip();
    }

    /** Exit code by the kind of the innermost telling cause. */
    public static int exitCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ExitCodeException x) {
                return x.exitCode();
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof SocketTimeoutException
                    || t instanceof TimeoutException) {
                return UNREACHABLE;
            }
            String name = t.getClass().getSimpleName().toLowerCase(Locale.ROOT);
            if (name.contains("timeout")) {
                return UNREACHABLE;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof NoSuchFileException || t instanceof AccessDeniedException) {
                return BAD_INPUT;
            }
        }
        return FAILURE;
    }

    /** A failure that carries its own exit code (a partial run, an unreachable dependency …). */
    public static class ExitCodeException extends RuntimeException {
        private final int exitCode;

        public ExitCodeException(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        public ExitCodeException(int exitCode, String message, Throwable cause) {
            super(message, cause);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }
}
