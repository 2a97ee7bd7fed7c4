package io.faultline.notify;

/** A subscriptions file that cannot be used, with the file and the field path in the message. */
public final class SubscriptionsException extends IllegalArgumentException {

    public SubscriptionsException(String message) {
        super(message);
    }
}
