package io.faultline.ingestion.social.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.faultline.avro.CatalogEntry;
import io.faultline.ingestion.catalog.CatalogLoad;
import io.faultline.ingestion.catalog.CatalogYaml;

class XRulesTest {

    static final Instant T0 = Instant.parse("2026-11-23T21:00:00Z");

    @Test
    void theProjectCatalogFitsInRulesOfAtMost512CharactersWithEveryTermOnce() {
        Path dir = Path.of("../catalog");
        assumeTrue(Files.isDirectory(dir), "catalog not found at " + dir.toAbsolutePath());
        CatalogLoad load = CatalogYaml.load(dir, T0);
        List<CatalogEntry> entries = load.requireValid();
        List<XRule> rules = XRules.fromCatalog(entries, 512, XRules.DEFAULT_MAX_RULES);

        assertThat(rules).isNotEmpty().allSatisfy(r -> {
            assertThat(r.value().length()).isLessThanOrEqualTo(512);
            assertThat(r.value()).endsWith(") " + XRules.OUTAGE_CLAUSE).startsWith("(");
        });
        assertThat(rules).extracting(XRule::tag).doesNotHaveDuplicates();
        List<String> terms = new ArrayList<>();
        for (XRule r : rules) {
            String group = r.value().substring(1, r.value().length() - XRules.OUTAGE_CLAUSE.length() - 2);
            terms.addAll(List.of(group.split(" OR ")));
        }
        assertThat(terms.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList()).doesNotHaveDuplicates();
        CatalogEntry aws = entries.stream().filter(e -> e.getEntityId().equals("aws")).findFirst().orElseThrow();
        assertThat(terms).contains("@" + aws.getHandles().get("x"), "\"amazon web services\"", "$" + aws.getCashtags().get(0));
        // a tighter limit means more, shorter rules covering the same terms
        assertThat(XRules.fromCatalog(entries, 256, XRules.DEFAULT_MAX_RULES).size()).isGreaterThan(rules.size());
    }

    @Test
    void packingRespectsTheLimitExactly() {
        int fixed = 3 + XRules.OUTAGE_CLAUSE.length();
        List<XRule> rules = XRules.pack(List.of("aaaa", "bbbb", "cccc"), fixed + "aaaa OR bbbb".length(), 10);
        assertThat(rules).extracting(XRule::value).containsExactly(
                "(aaaa OR bbbb) " + XRules.OUTAGE_CLAUSE, "(cccc) " + XRules.OUTAGE_CLAUSE);
        assertThat(rules.get(0).value()).hasSize(fixed + "aaaa OR bbbb".length());
    }

    @Test
    void tooManyRulesOrATermThatCannotFitFailNamingTheSetting() {
        int fixed = 3 + XRules.OUTAGE_CLAUSE.length();
        assertThatThrownBy(() -> XRules.pack(List.of("aaaa", "bbbb"), fixed + 4, 1))
                .hasMessageContaining("2 X rules").hasMessageContaining("x max rules");
        assertThatThrownBy(() -> XRules.pack(List.of("toolongterm"), fixed + 4, 10))
                .hasMessageContaining("toolongterm").hasMessageContaining("x max rule length");
    }

    @Test
    void keywordsThatAreNotPlainWordsBecomePhrases() {
        assertThat(XRules.keyword("reddit")).isEqualTo("reddit");
        assertThat(XRules.keyword("amazon  web services")).isEqualTo("\"amazon web services\"");
        assertThat(XRules.keyword("us-east-1")).isEqualTo("\"us-east-1\"");
        assertThat(XRules.keyword("say \"hi\"")).isEqualTo("\"say hi\"");
        assertThat(XRules.keyword("  ")).isNull();
    }
}
