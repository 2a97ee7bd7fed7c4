package io.faultline.ingestion.probe;

/** A field that is missing or of the wrong type; turned into a Rejected by the parser. */
final class BadField extends RuntimeException {

    final String errorType;

    BadField(String errorType, String message) {
        super(message, null, false, false);
        this.errorType = errorType;
    }

    static BadField missing(String field) {
        return new BadField("MISSING_FIELD", "missing field '" + field + "'");
    }

    static BadField invalid(String field, String why) {
        return new BadField("INVALID_FIELD", "field '" + field + "' " + why);
    }
}
