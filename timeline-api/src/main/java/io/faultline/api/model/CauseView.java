package io.faultline.api.model;

import java.util.List;

/** The suspected shared cause of an incident, as the API shows it. componentId is null for an unknown cause. */
public record CauseView(String componentId, String name, String kind, double confidence, Double pValue,
                        int impairedDependents, int totalDependents, boolean statusPageAgrees, List<String> reasons) {

    public CauseView {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
