package io.faultline.core.resolve;

import java.util.List;
import java.util.Map;

import io.faultline.core.catalog.CatalogEntity;
import io.faultline.core.catalog.EntityKind;

/** A small hand-made catalog: AWS with two regions, Coinbase, Netflix, a network and a country. */
final class ResolverFixture {

    private ResolverFixture() {
    }

    static CatalogIndex index() {
        return CatalogIndex.of(List.of(
                new ResolvableEntity(new CatalogEntity("aws", EntityKind.PROVIDER, "Amazon Web Services", null, null, null, List.of()),
                        new EntityVocabulary("aws", List.of(), List.of("aws", "amazon web services"), Map.of("x", "AWSSupport"),
                                List.of("AMZN"), List.of("amazonaws.com"), null)),
                new ResolvableEntity(new CatalogEntity("aws/us-east-1", EntityKind.REGION, "US East (N. Virginia)", "aws", "us-east-1", "US", List.of()),
                        new EntityVocabulary("aws/us-east-1", List.of("N. Virginia", "Northern Virginia", "us-east-1", "IAD"),
                                List.of(), Map.of(), List.of(), List.of(), null)),
                new ResolvableEntity(new CatalogEntity("aws/us-east-2", EntityKind.REGION, "US East (Ohio)", "aws", "us-east-2", "US", List.of()),
                        new EntityVocabulary("aws/us-east-2", List.of("Ohio", "us-east-2"), List.of(), Map.of(), List.of(), List.of(), null)),
                new ResolvableEntity(new CatalogEntity("coinbase", EntityKind.SERVICE, "Coinbase", null, null, "US", List.of()),
                        new EntityVocabulary("coinbase", List.of(), List.of("coinbase"), Map.of("x", "CoinbaseSupport"),
                                List.of("COIN"), List.of("coinbase.com", "api.coinbase.com"), null)),
                new ResolvableEntity(new CatalogEntity("netflix", EntityKind.SERVICE, "Netflix", null, null, "US", List.of()),
                        new EntityVocabulary("netflix", List.of(), List.of("netflix"), Map.of("x", "netflix"),
                                List.of("NFLX"), List.of("netflix.com"), null)),
                new ResolvableEntity(new CatalogEntity("comcast", EntityKind.ORGANISATION, "Comcast", null, null, "US", List.of()), null),
                new ResolvableEntity(new CatalogEntity("as7922", EntityKind.NETWORK, "AS7922 Comcast", "comcast", null, "US", List.of()),
                        new EntityVocabulary("as7922", List.of(), List.of(), Map.of(), List.of(), List.of(), 7922L)),
                new ResolvableEntity(new CatalogEntity("country/us", EntityKind.COUNTRY, "United States", null, null, "US", List.of()), null)));
    }
}
