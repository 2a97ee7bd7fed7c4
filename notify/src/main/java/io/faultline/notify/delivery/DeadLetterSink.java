package io.faultline.notify.delivery;

import io.faultline.notify.Alert;
import io.faultline.notify.Subscription;
import io.faultline.notify.channel.Outgoing;

/** Where an alert goes when its channel would not take it: with the body and the reason, never dropped silently. */
public interface DeadLetterSink {

    void deadLetter(Subscription subscription, Alert alert, Outgoing request, String reason, int attempts);
}
