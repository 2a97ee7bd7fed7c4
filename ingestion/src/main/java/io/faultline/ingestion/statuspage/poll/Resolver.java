package io.faultline.ingestion.statuspage.poll;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Host name to addresses; the system resolver in production, a fixed table in tests. */
@FunctionalInterface
public interface Resolver {

    Resolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
