package io.faultline.app.discover;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import io.faultline.app.discover.DnsEdgeRun;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import io.faultline.app.catalog.CatalogCommand;

/** 'discover edges' and 'catalog add' option handling; the DNS itself is DiscoverEdgesDnsIT's (a real server). */
class DiscoverEdgesCommandTest {

    private static final Path CATALOG = Path.of("..", "catalog");

    @Test
    void withoutDomainsEveryServiceDomainIsResolvedAndGivenDomainsKeepTheirService() {
        var entries = CatalogCommand.read(CATALOG).requireValid();
        List<DnsEdgeRun.Target> all = DiscoverCommand.Edges.targets(entries, List.of());
        long domains = entries.stream().filter(e -> e.getKind() == io.faultline.avro.EntityKind.SERVICE)
                .flatMap(e -> e.getDomains().stream()).map(String::toLowerCase).distinct().count();
        assertThat(all).hasSize((int) domains).allSatisfy(t -> assertThat(t.service()).isNotNull());

        String coinbaseDomain = entries.stream().filter(e -> e.getEntityId().equals("coinbase")).findFirst().orElseThrow()
                .getDomains().get(0);
        List<DnsEdgeRun.Target> given = DiscoverCommand.Edges.targets(entries, List.of(coinbaseDomain.toUpperCase(),
                "unknown.example", coinbaseDomain));
        assertThat(given).extracting(DnsEdgeRun.Target::domain).containsExactly(coinbaseDomain, "unknown.example");
        assertThat(given.get(0).service().getEntityId()).isEqualTo("coinbase");
        assertThat(given.get(1).service()).isNull();
    }

    @Test
    void badResolverTimeoutAndDuplicateIdsAreRefusedInOneLineNamingTheOption() {
        assertThat(refusal(new DiscoverCommand(), "edges", "--catalog", CATALOG.toString(), "--domain", "a.example",
                "--resolver", "127.0.0.1:fifty-three")).contains("--resolver 127.0.0.1:fifty-three").doesNotContain("Exception");
        assertThat(refusal(new DiscoverCommand(), "edges", "--catalog", CATALOG.toString(), "--domain", "a.example",
                "--resolver", "127.0.0.1:70000")).contains("--resolver 127.0.0.1:70000: port outside 1..65535");
        assertThat(refusal(new DiscoverCommand(), "edges", "--catalog", CATALOG.toString(), "--domain", "a.example",
                "--timeout", "0s")).contains("--timeout 0ms: accepted values are more than 0s, up to 2m");
        assertThat(refusal(new DiscoverCommand(), "edges", "--catalog", CATALOG.toString(), "--domain", "a.example",
                "--timeout", "3")).contains("Invalid value for option '--timeout': '3' is not a duration (e.g. 500ms, 30s");
        assertThat(refusal(new CatalogCommand(), "add", "--catalog", CATALOG.toString(), "--id", "coinbase",
                "--domain", "a.example")).contains("--id coinbase: the catalog in " + CATALOG + " already has this id");
    }

    private static String refusal(Object command, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(e.getMessage());
            return 1;
        });
        assertThat(cli.execute(args)).isNotZero();
        return err.toString().strip();
    }
}
