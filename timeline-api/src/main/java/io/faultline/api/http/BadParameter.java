package io.faultline.api.http;

/** A request parameter that is missing, malformed or out of range; answered 400 naming it. */
public final class BadParameter extends RuntimeException {

    private final String parameter;

    public BadParameter(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
