package io.faultline.ingestion;

import java.io.CharConversionException;
import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * One line for a YAML or JSON file that does not parse: {@code file:line:column: not valid YAML:
 * <what the parser expected>}, the form editors and compilers print, so the spot can be opened
 * directly. Jackson's own message spans several lines and repeats the location.
 */
public final class ParseErrors {

    private ParseErrors() {
    }

    /** The line for a read of {@code file} as {@code format} ("YAML", "JSON") that failed with {@code e}. */
    public static String describe(Path file, String format, IOException e) {
        if (isCharConversion(e)) {
            return file + ": not a UTF-8 text file (a binary file where " + format + " was expected?)";
        }
        if (e instanceof JsonProcessingException p) {
            JsonLocation at = p.getLocation();
            String where = at != null && at.getLineNr() > 0 ? ":" + at.getLineNr() + ":" + at.getColumnNr() : "";
            return file + where + ": not valid " + format + ": " + firstLine(p.getOriginalMessage());
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return file + ": cannot be read: permission denied: " + file;
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return file + ": cannot be read: no such file or directory: " + file;
        }
        return file + ": cannot be read: " + firstLine(e.getMessage());
    }

    private static String firstLine(String message) {
        return String.valueOf(message).lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("no detail");
    }

    private static boolean isCharConversion(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof CharConversionException || m.contains("CharConversionException") || m.contains("Invalid UTF-8")) {
                return true;
            }
        }
        return false;
    }
}
