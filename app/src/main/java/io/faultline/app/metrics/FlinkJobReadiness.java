package io.faultline.app.metrics;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;

/**
 * Ready while the Flink job is RUNNING, asked of its {@link JobClient} (the mini cluster in this
 * process or a cluster's REST endpoint alike) within {@link #TIMEOUT}.
 */
public final class FlinkJobReadiness implements ReadinessCheck {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final JobClient job;

    public FlinkJobReadiness(JobClient job) {
        this.job = job;
    }

    @Override
    public String name() {
        return "flink-job";
    }

    @Override
    public Optional<String> problem() {
        try {
            JobStatus status = job.getJobStatus().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return status == JobStatus.RUNNING ? Optional.empty() : Optional.of("job " + job.getJobID() + " is " + status);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return Optional.of("job " + job.getJobID() + ": status not known within " + TIMEOUT.toSeconds() + " s");
        }
    }
}
