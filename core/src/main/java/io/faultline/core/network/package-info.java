/**
 * Network outages from probe connection events, the Disco way (Shah et al., TMA 2017): probes keep
 * a long-lived connection to their controller; when many probes of one network, organisation or
 * country disconnect together, far beyond that scope's own base rate, the network is out, and it
 * stays out until its probes come back. Networks are resolved on the fly from each event's ASN,
 * organisation and country (the ASN data), so no catalog entry is needed.
 *
 * <p>Entry point: {@link io.faultline.core.network.NetworkOutages}, hosted by the correlation engine
 * (fed {@link io.faultline.core.correlation.ConnectionUpdate}s, ticked with it) so that its
 * incidents share the engine's ids, lifecycle states, wire form, checkpoints and batch/stream
 * equivalence.
 */
package io.faultline.core.network;
