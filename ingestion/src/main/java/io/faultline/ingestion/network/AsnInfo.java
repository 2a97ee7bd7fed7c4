package io.faultline.ingestion.network;

/** The network an address belongs to: AS number, the organisation that holds it, its registration country (may be null). */
public record AsnInfo(long asn, String organisation, String country) {
}
