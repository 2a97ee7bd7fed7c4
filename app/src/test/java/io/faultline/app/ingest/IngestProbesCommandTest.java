package io.faultline.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import io.faultline.app.Faultline;

/** The probe and network commands as a user runs them, with --print instead of a broker. */
class IngestProbesCommandTest {

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static synchronized Run run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringWriter cliErr = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cli = new CommandLine(new Faultline());
            cli.setErr(new PrintWriter(cliErr));
            cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
                cmd.getErr().println(e.getMessage());
                return 1;
            });
            int code = cli.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8) + cliErr);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void atlasStreamFramesArePrintedAndTheBrokenOnesReported() throws Exception {
        Path frames = tmp.resolve("frames.txt");
        Files.writeString(frames, """
                ["atlas_result",{"af":4,"avg":11.0,"dst_addr":"93.184.216.34","dst_name":"example.com","msm_id":5001,"prb_id":3001,"rcvd":3,"sent":3,"timestamp":1638892100,"type":"ping"}]
                ["atlas_result",{"msm_id":7000,"prb_id":3002,"timestamp":1638892101,"event":"disconnect","type":"connection","prefix":"193.0.0.0/21","asn":3333}]
                ["atlas_result",{"type":"ping"
                """);
        Run r = run("ingest", "probes", "--atlas-file", frames.toString(), "--print");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(2);
        assertThat(r.out()).contains("\"vantage\": \"atlas:3001\"").contains("\"probeId\": 3002");
        assertThat(r.err()).contains("1 results, 1 connection events, 1 rejected").contains("PARSE_ERROR");
    }

    @Test
    void oneRoundOfTheProberOverACatalogWithATargetOnThisMachine() throws Exception {
        Path catalog = tmp.resolve("catalog");
        Files.createDirectories(catalog.resolve("services"));
        Files.writeString(catalog.resolve("providers.yaml"), """
                providers:
                  - id: lab
                    name: Lab cloud
                    kind: cloud
                """);
        // nothing listens on port 443 here: the TCP and HTTPS probes are refused, DNS succeeds
        Files.writeString(catalog.resolve("services/lab.yaml"), """
                services:
                  - id: lab-app
                    name: Lab app
                    category: test
                    domains: [localhost]
                """);
        Run refused = run("ingest", "probes", "--catalog", catalog.toString(), "--once", "--print",
                "--vantage-name", "ci-1", "--vantage-region", "lab", "--vantage-asn", "64500");
        assertThat(refused.code()).as(refused.err()).isZero();
        // three results and the round's heartbeat, which counts the vantage as connected (DNS answered)
        assertThat(refused.out().lines()).hasSize(4).allSatisfy(l -> assertThat(l).contains("\"vantage\": \"ci-1\""));
        assertThat(refused.out().lines().toList().get(3)).contains("\"event\": \"CONNECT\"", "\"asn\": 64500", "heartbeat");
        assertThat(refused.out()).contains("\"errorKind\": \"OTHER\"").contains("address guard");
        assertThat(refused.err()).contains("probing 1 targets").contains("3 probes, 1 ok");

        Run allowed = run("ingest", "probes", "--catalog", catalog.toString(), "--once", "--print", "--types", "tcp",
                "--allow-private-addresses", "--vantage-name", "ci-1");
        assertThat(allowed.code()).as(allowed.err()).isZero();
        assertThat(allowed.out().lines()).hasSize(2).first().satisfies(l -> assertThat(l)
                .contains("\"probeType\": \"TCP\"").contains("\"errorKind\": \"CONNECT_REFUSED\"").contains("\"targetId\": \"lab-app\""));
    }

    @Test
    void badSettingsFailNamingTheOption() {
        Run types = run("ingest", "probes", "--types", "http,ftp", "--once", "--print");
        assertThat(types.code()).isNotZero();
        assertThat(types.err()).contains("--types").contains("http, tcp, dns");

        Run noBroker = run("ingest", "probes", "--once");
        assertThat(noBroker.code()).isNotZero();
        assertThat(noBroker.err()).contains("--bootstrap-servers");

        Run interval = run("ingest", "probes", "--interval", "soon", "--print");
        assertThat(interval.code()).isEqualTo(2);
        assertThat(interval.err()).contains("not a duration");

        Run vantage = run("ingest", "probes", "--vantage-name", "has space", "--once", "--print");
        assertThat(vantage.err()).contains("--vantage-name");
    }

    @Test
    void networksLookupPrintsAsnOrganisationAndCountry() throws Exception {
        Path asn = Files.createDirectories(tmp.resolve("asn"));
        Files.writeString(asn.resolve("asn-ipv4.csv"), "1.1.1.0,1.1.1.255,13335,\"Cloudflare, Inc.\"\n");
        Files.writeString(asn.resolve("asn-country-ipv4.csv"), "1.1.1.0,1.1.1.255,AU\n");

        Run r = run("networks", "lookup", "--data-dir", asn.toString(), "1.1.1.1", "9.9.9.9");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).contains("1.1.1.1\tAS13335\tCloudflare, Inc.\tAU").contains("9.9.9.9\tnot in any announced range");

        Run catalog = run("networks", "catalog", "--data-dir", asn.toString(), "--asn", "13335");
        assertThat(catalog.code()).as(catalog.err()).isZero();
        assertThat(catalog.out()).contains("\"entityId\": \"as13335\"").contains("\"entityId\": \"org/cloudflare-inc\"")
                .contains("ip-location-db asn");
    }
}
