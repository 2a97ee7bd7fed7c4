package io.faultline.core.correlation;

import java.util.Map;

/**
 * One explanation chosen in a tick: a cause (or the unknown cause, {@code cause == -1}) and the
 * impaired services it newly explains. Groups of one tick are disjoint.
 */
record CauseGroup(int cause, String causeId, int[] members, Attribution attribution,
                  Map<String, String> commonAttributes) {

    static final int UNKNOWN_CAUSE = -1;
}
