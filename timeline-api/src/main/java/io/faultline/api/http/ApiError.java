package io.faultline.api.http;

/**
 * The JSON body of every error answer.
 *
 * @param error     machine-readable kind: bad_parameter, unauthorized, not_found, history_unavailable, live_unavailable, timeout, internal
 * @param parameter the offending request parameter, for bad_parameter
 */
public record ApiError(String error, String message, String parameter) {

    public static ApiError of(String error, String message) {
        return new ApiError(error, message, null);
    }
}
