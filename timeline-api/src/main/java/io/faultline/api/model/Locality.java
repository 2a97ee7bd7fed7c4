package io.faultline.api.model;

/**
 * Provider and region of a cause component, read from the catalog's id convention
 * ({@code aws} is a provider, {@code aws/us-east-1} one of its regions). A cause that is not a
 * provider or region (a CDN, an ASN, unknown) yields its own id as provider and no region.
 */
public record Locality(String provider, String region) {

    public static Locality of(String componentId) {
        if (componentId == null || componentId.isBlank()) {
            return new Locality("", "");
        }
        int slash = componentId.indexOf('/');
        return slash < 0 ? new Locality(componentId, "")
                : new Locality(componentId.substring(0, slash), componentId.substring(slash + 1));
    }
}
