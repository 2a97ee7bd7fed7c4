package io.faultline.ingestion.probe.prober;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Host name to addresses. The system resolver in production; tests may map names to local addresses. */
@FunctionalInterface
public interface HostResolver {

    /** All addresses of {@code host}; throws UnknownHostException when the name does not resolve. */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));
}
