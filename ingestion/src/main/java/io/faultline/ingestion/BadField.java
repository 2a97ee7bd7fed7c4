package io.faultline.ingestion;

/** A field that is missing or of the wrong type; the parser that throws it turns it into a Rejected. */
public final class BadField extends RuntimeException {

    public final String errorType;

    public BadField(String errorType, String message) {
        super(message, null, false, false);
        this.errorType = errorType;
    }

    public static BadField missing(String field) {
        return new BadField("MISSING_FIELD", "missing field '" + field + "'");
    }

    public static BadField invalid(String field, String why) {
        return new BadField("INVALID_FIELD", "field '" + field + "' " + why);
    }
}
