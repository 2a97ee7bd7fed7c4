package io.faultline.ingestion.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AddressGuardTest {

    /** Literal addresses only: getByName on a literal never touches DNS. */
    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    /** An IPv6 address kept as IPv6: the JDK turns ::ffff:a.b.c.d literals into Inet4Address. */
    private static InetAddress v6(String literal) throws UnknownHostException {
        return Inet6Address.getByAddress(null, InetAddress.getByName(literal).getAddress().length == 16
                ? InetAddress.getByName(literal).getAddress() : mapped(InetAddress.getByName(literal).getAddress()), -1);
    }

    private static byte[] mapped(byte[] v4) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(v4, 0, b, 12, 4);
        return b;
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "127.0.0.1", "127.255.255.254", "10.0.0.1", "10.255.255.255",
            "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.0.1", "169.254.169.254", "100.64.0.1",
            "100.127.255.255", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
            "::", "::1", "fe80::1", "febf::1", "fec0::1", "fc00::1", "fd12:3456::1", "ff02::1",
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:192.168.0.1",
            "::127.0.0.1", "64:ff9b::10.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "2002:c0a8:101::1",
            "fd00:ec2::254"})
    void refusesInternalAddresses(String literal) throws UnknownHostException {
        assertThat(AddressGuard.mayFetch(ip(literal), false)).as(literal).isFalse();
        assertThat(AddressGuard.mayFetch(v6(literal), false)).as("IPv6 form of " + literal).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255",
            "100.128.0.1", "169.253.255.255", "192.167.1.1", "223.255.255.255", "2606:4700:4700::1111",
            "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::8.8.8.8", "2002:0808:0808::1"})
    void allowsPublicAddresses(String literal) throws UnknownHostException {
        assertThat(AddressGuard.refusal(ip(literal), false)).as(literal).isEmpty();
        assertThat(AddressGuard.refusal(v6(literal), false)).as("IPv6 form of " + literal).isEmpty();
    }

    @Test
    void allowFlagLiftsPrivateRangesButNeverCloudMetadata() throws UnknownHostException {
        assertThat(AddressGuard.mayFetch(ip("10.0.0.1"), true)).isTrue();
        assertThat(AddressGuard.mayFetch(ip("127.0.0.1"), true)).isTrue();
        assertThat(AddressGuard.mayFetch(ip("fd12::1"), true)).isTrue();
        assertThat(AddressGuard.mayFetch(ip("169.254.169.254"), true)).isFalse();
        assertThat(AddressGuard.mayFetch(v6("::ffff:169.254.169.254"), true)).isFalse();
        assertThat(AddressGuard.mayFetch(ip("fd00:ec2::254"), true)).isFalse();
        assertThat(AddressGuard.refusal(v6("::ffff:10.1.2.3"), false)).get().asString().contains("embedded");
    }

    @Test
    void nullAddressIsRefused() {
        assertThat(AddressGuard.mayFetch(null, true)).isFalse();
    }
}
