package io.faultline.ingestion.probe;

import java.util.Optional;

/** Maps what a probe measured to a catalog target id (e.g. "aws-us-east-1"), when known. */
@FunctionalInterface
public interface TargetResolver {

    /**
     * @param host    dst_name or URL host, may be null
     * @param address dst_addr, may be null
     */
    Optional<String> resolve(String host, String address);

    TargetResolver NONE = (host, address) -> Optional.empty();
}
