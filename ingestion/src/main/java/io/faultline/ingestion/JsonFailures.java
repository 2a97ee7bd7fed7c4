package io.faultline.ingestion;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The three ways reading one JSON input fails, turned into one rejection: invalid JSON and
 * unexpected exceptions are PARSE_ERROR, a {@link BadField} keeps its own type. The parsers that
 * never throw say once, here, what a failure becomes, so they cannot drift apart.
 */
public final class JsonFailures {

    private JsonFailures() {
    }

    /** What {@code read} returns, or what {@code reject} makes of its failure. */
    public static <T> T orRejected(JsonRead<T> read, Rejecter<T> reject) {
        try {
            return read.read();
        } catch (JsonProcessingException e) {
            return reject.reject("PARSE_ERROR", "invalid JSON: " + e.getOriginalMessage());
        } catch (BadField e) {
            return reject.reject(e.errorType, e.getMessage());
        } catch (RuntimeException e) {
            return reject.reject("PARSE_ERROR", e.toString());
        }
    }

    /** A read of one input that may find invalid JSON. */
    @FunctionalInterface
    public interface JsonRead<T> {
        T read() throws JsonProcessingException;
    }

    /** The outcome for an input that could not be read, from an error type and a reason. */
    @FunctionalInterface
    public interface Rejecter<T> {
        T reject(String errorType, String reason);
    }
}
