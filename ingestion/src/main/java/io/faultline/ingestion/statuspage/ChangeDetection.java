package io.faultline.ingestion.statuspage;

import io.faultline.avro.StatusPageObservation;
import java.util.List;

/**
 * The result of comparing two reads of a page.
 *
 * @param observations one record per change, oldest event first, ready for raw.statuspage
 * @param state        what to keep for the next comparison (bodies dropped, bounded in size); store
 *                     it per page and pass it back as {@code previous}
 */
public record ChangeDetection(List<StatusPageObservation> observations, PageSnapshot state) {

    public ChangeDetection {
        observations = List.copyOf(observations);
    }
}
