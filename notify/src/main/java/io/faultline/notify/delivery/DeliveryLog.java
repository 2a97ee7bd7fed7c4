package io.faultline.notify.delivery;

import io.faultline.notify.Alert;
import io.faultline.notify.Subscription;

import java.time.Instant;

/** Where acknowledged alerts are recorded, so a restart re-sends none of them. */
public interface DeliveryLog {

    /** Records that {@code alert} was acknowledged by the subscription's channel; returns once it is durable. */
    void acknowledged(Subscription subscription, Alert alert, Instant at);
}
