package io.faultline.core.correlation;

import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.network.NetworkOutages;
import io.faultline.core.correlation.EngineSnapshot.Entities;
import io.faultline.core.correlation.EngineSnapshot.IncidentSnapshot;
import io.faultline.core.correlation.EngineSnapshot.Rates;
import io.faultline.core.correlation.EngineSnapshot.StatusPages;
import io.faultline.core.correlation.MutableIncident.Member;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Engine state to and from {@link EngineSnapshot}. Reading maps entities and regions by id, so a
 * snapshot taken on one catalog restores onto another: entities that disappeared are dropped,
 * new ones start empty, and counted services are re-added under their new ancestors with the
 * weight they were counted with (keeping restore-and-continue identical to never stopping).
 */
final class SnapshotCodec {

    private SnapshotCodec() {
    }

    static EngineSnapshot write(CorrelationEngine engine) {
        DependencyGraph graph = engine.graph;
        int n = graph.size();
        ServiceStates s = engine.states;
        String[] ids = new String[n];
        long[] statusTimers = new long[n];
        byte[] level = new byte[n];
        double[] confidence = new double[n];
        long[] lastTime = new long[n];
        long[] episodeStart = new long[n];
        long[] episodeEnd = new long[n];
        int[] region = new int[n];
        byte[] flags = new byte[n];
        int[] countedRegion = new int[n];
        int[] countedWeight = new int[n];
        long[] stateTimers = new long[n];
        for (int e = 0; e < n; e++) {
            ids[e] = graph.idOf(e);
            statusTimers[e] = engine.status.timers.dueAt(e);
            level[e] = s.levelOrdinal(e);
            confidence[e] = s.confidence(e);
            lastTime[e] = s.lastTime(e);
            episodeStart[e] = s.episodeStart(e);
            episodeEnd[e] = s.episodeEnd(e);
            region[e] = s.region(e);
            flags[e] = s.flags(e);
            countedRegion[e] = s.countedRegion(e);
            countedWeight[e] = s.countedWeight(e);
            stateTimers[e] = s.timerDueAt(e);
        }
        String[] regions = new String[graph.regionCount()];
        for (int r = 0; r < regions.length; r++) {
            regions[r] = graph.regionCode(r);
        }
        PendingHealth p = engine.pending;
        Entities entities = new Entities(level, confidence, lastTime, episodeStart, episodeEnd, region, flags,
                countedRegion, countedWeight, stateTimers, p.lastTime.clone(),
                p.lastLevel.clone(), p.lastConfidence.clone(), p.lastRegion.clone(), p.firstImpaired.clone(),
                p.lastImpaired.clone(), p.impairedRegion.clone(), s.staleDropped());
        BaseRates r = engine.rates;
        // the snapshot keeps the root in one extra slot after the components (the format predates the split)
        Rates rates = new Rates(r.windows, r.windowsTime, withRoot(r.componentImpaired, r.rootImpaired),
                withRoot(r.componentExcluded, r.rootExcluded), withRoot(r.componentTime, r.rootTime),
                r.serviceImpaired.clone(), r.serviceTime.clone());
        StatusBoard b = engine.status;
        StatusPages pages = new StatusPages(b.troubled.clone(), b.since.clone(), b.lastTime.clone(),
                b.pendingTime.clone(), b.pendingTroubled.clone(), b.pendingFirstTroubled.clone(), statusTimers);
        List<IncidentSnapshot> incidents = new ArrayList<>();
        for (MutableIncident incident : engine.incidents.open.values()) {
            incidents.add(write(incident));
        }
        return new EngineSnapshot(engine.config, ids, regions, engine.firstTick, engine.lastTick, engine.droppedLate,
                engine.unknownEntities, entities, rates, pages, List.copyOf(incidents), engine.network.toBytes());
    }

    static void read(EngineSnapshot snapshot, CorrelationEngine engine) {
        if (snapshot.network() != null) {
            engine.network = NetworkOutages.fromBytes(snapshot.network());
        }
        DependencyGraph graph = engine.graph;
        int n = graph.size();
        int oldCount = snapshot.entityIds().length;
        Map<String, Integer> oldIndex = new HashMap<>(oldCount * 2);
        for (int o = 0; o < oldCount; o++) {
            oldIndex.put(snapshot.entityIds()[o], o);
        }
        int[] regionMap = new int[snapshot.regionCodes().length];
        for (int r = 0; r < regionMap.length; r++) {
            regionMap[r] = graph.regionIndex(snapshot.regionCodes()[r]);
        }
        Entities a = snapshot.entities();
        ServiceStates s = engine.states;
        PendingHealth p = engine.pending;
        StatusPages pages = snapshot.statusPages();
        StatusBoard b = engine.status;
        BaseRates rates = engine.rates;
        rates.windows = snapshot.rates().windows();
        rates.windowsTime = snapshot.rates().windowsTime();
        rates.rootImpaired = snapshot.rates().componentImpaired()[oldCount];
        rates.rootExcluded = snapshot.rates().componentExcluded()[oldCount];
        rates.rootTime = snapshot.rates().componentTime()[oldCount];
        for (int e = 0; e < n; e++) {
            Integer old = oldIndex.get(graph.idOf(e));
            if (old == null) {
                continue;
            }
            int o = old;
            s.restore(e, a.level()[o], a.confidence()[o], a.lastTime()[o], a.episodeStart()[o], a.episodeEnd()[o],
                    mapRegion(a.region()[o], regionMap), a.flags()[o], a.timerDue()[o]);
            if ((a.flags()[o] & ServiceStates.COUNTED) != 0 && graph.isService(e)) {
                s.restoreCounted(e, mapRegion(a.countedRegion()[o], regionMap), a.countedWeight()[o]);
            }
            if (a.pendingLastTime()[o] != PendingHealth.NONE) {
                p.lastTime[e] = a.pendingLastTime()[o];
                p.lastLevel[e] = a.pendingLastLevel()[o];
                p.lastConfidence[e] = a.pendingLastConfidence()[o];
                p.lastRegion[e] = mapRegion(a.pendingLastRegion()[o], regionMap);
                p.firstImpaired[e] = a.pendingFirstImpaired()[o];
                p.lastImpaired[e] = a.pendingLastImpaired()[o];
                p.impairedRegion[e] = mapRegion(a.pendingImpairedRegion()[o], regionMap);
                p.dirty.add(e);
            }
            rates.componentImpaired[e] = snapshot.rates().componentImpaired()[o];
            rates.componentExcluded[e] = snapshot.rates().componentExcluded()[o];
            rates.componentTime[e] = snapshot.rates().componentTime()[o];
            rates.serviceImpaired[e] = snapshot.rates().serviceImpaired()[o];
            rates.serviceTime[e] = snapshot.rates().serviceTime()[o];
            b.restore(e, pages.troubled()[o], pages.since()[o], pages.lastTime()[o], pages.timerDue()[o]);
            if (pages.pendingTime()[o] != StatusBoard.NONE) {
                b.restorePending(e, pages.pendingTime()[o], pages.pendingTroubled()[o], pages.pendingFirstTroubled()[o]);
            }
        }
        s.restoreStaleDropped(a.staleDropped());
        for (IncidentSnapshot incident : snapshot.incidents()) {
            engine.incidents.open.put(incident.id(), read(incident, graph, s));
        }
        engine.firstTick = snapshot.firstTick();
        engine.lastTick = snapshot.lastTick();
        engine.droppedLate = snapshot.droppedLate();
        engine.unknownEntities = snapshot.unknownEntities();
    }

    private static double[] withRoot(double[] components, double root) {
        double[] all = Arrays.copyOf(components, components.length + 1);
        all[components.length] = root;
        return all;
    }

    private static long[] withRoot(long[] components, long root) {
        long[] all = Arrays.copyOf(components, components.length + 1);
        all[components.length] = root;
        return all;
    }

    private static int mapRegion(int region, int[] regionMap) {
        return region < 0 ? region : regionMap[region];
    }

    private static IncidentSnapshot write(MutableIncident incident) {
        List<IncidentMember> members = new ArrayList<>(incident.members.size());
        for (Member member : incident.members.values()) {
            members.add(member.freeze());
        }
        return new IncidentSnapshot(incident.id, incident.revision, incident.state, incident.causeId,
                incident.attribution, incident.commonAttributes, incident.openedAt, incident.significantStreak,
                incident.quietStreak, incident.hasPendingCause, incident.pendingCauseId, incident.pendingCauseStreak,
                List.copyOf(members), List.copyOf(incident.timeline), List.copyOf(incident.mergedFrom),
                incident.lastEmittedConfidence);
    }

    private static MutableIncident read(IncidentSnapshot snapshot, DependencyGraph graph, ServiceStates states) {
        MutableIncident incident = new MutableIncident(snapshot.id(), snapshot.openedAt(), snapshot.causeId(),
                snapshot.attribution());
        incident.revision = snapshot.revision();
        incident.state = snapshot.state();
        incident.commonAttributes = snapshot.commonAttributes();
        incident.significantStreak = snapshot.significantStreak();
        incident.quietStreak = snapshot.quietStreak();
        incident.hasPendingCause = snapshot.hasPendingCause();
        incident.pendingCauseId = snapshot.pendingCauseId();
        incident.pendingCauseStreak = snapshot.pendingCauseStreak();
        incident.timeline.addAll(snapshot.timeline());
        incident.mergedFrom.addAll(snapshot.mergedFrom());
        incident.lastEmittedConfidence = snapshot.lastEmittedConfidence();
        for (IncidentMember frozen : snapshot.members()) {
            int entity = graph.indexOf(frozen.serviceId());
            Member member = new Member(frozen.serviceId(), entity, frozen.joinedAt().toEpochMilli(), frozen.region(),
                    frozen.state());
            member.leftAt = frozen.leftAt() == null ? MutableIncident.NONE : frozen.leftAt().toEpochMilli();
            incident.members.put(frozen.serviceId(), member);
            if (entity >= 0) {
                states.join(entity);
            }
        }
        return incident;
    }
}
