package io.faultline.ingestion.social.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Test sleeper: records each back-off and returns at once; an optional hook runs after each. */
final class RecordingSleeper implements Sleeper {

    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    volatile Runnable afterSleep = () -> { };

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        afterSleep.run();
    }

    List<Duration> snapshot() {
        synchronized (sleeps) {
            return List.copyOf(sleeps);
        }
    }
}
