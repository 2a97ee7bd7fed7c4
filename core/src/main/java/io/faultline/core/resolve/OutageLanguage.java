package io.faultline.core.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Does a post report an outage? Language-aware cue phrases ("is X down", "X not working",
 * "X no funciona", "X fora do ar", "X funktioniert nicht", "X ne marche pas", "X 落ちてる"),
 * with false-friend protection: "down" is also market talk ("Coinbase down 8% today", "$COIN
 * dumping"), so in a post that talks prices only an unambiguous cue counts, and a post that names
 * the service by its ticker alone is price talk unless an unambiguous cue is present.
 *
 * <p>English cues are checked for every post (they are used everywhere); the post's language adds
 * its own list; a post without a language is checked against all lists. Limits: cue and name
 * are matched per post, not per clause ("Coinbase is down, Binance is fine" reports both);
 * sarcasm and negation ("X is not down") are not understood.
 */
public final class OutageLanguage {

    /** The classifier's answer. */
    public enum Verdict { OUTAGE_REPORT, PRICE_TALK, NO_CUE }

    private static final List<String> STRONG_EN = List.of("not working", "isn't working", "isnt working", "stopped working",
            "outage", "can't log in", "cannot log in", "can't login", "cant login", "unable to log in", "not loading",
            "won't load", "wont load", "server error", "service unavailable", "internal server error", "502", "503",
            "504", "down for everyone", "down for anyone", "is it down", "down right now",
            "having issues", "having problems", "not responding", "offline");
    private static final Map<String, List<String>> STRONG_BY_LANG = Map.of(
            "es", List.of("no funciona", "no carga", "caído", "caida", "caída", "se cayó", "se cayo", "sin servicio", "fallando"),
            "pt", List.of("fora do ar", "não funciona", "nao funciona", "caiu", "instável", "instavel", "não carrega"),
            "de", List.of("funktioniert nicht", "geht nicht", "störung", "stoerung", "ausfall", "nicht erreichbar"),
            "fr", List.of("ne marche pas", "ne fonctionne pas", "en panne", "panne", "hors service", "ne répond pas"),
            "it", List.of("non funziona", "non va", "disservizio"),
            "ja", List.of("落ちてる", "落ちた", "繋がらない", "つながらない", "障害"));
    /** Cues that are also market talk. */
    private static final List<String> WEAK = List.of("down", "crashed", "crashing", "broken", "errors", "error", "glitch");
    private static final Pattern PRICE = Pattern.compile(
            "(\\$\\s?\\d)|(\\d+(\\.\\d+)?\\s?%)|\\b(price|prices|stock|stocks|shares|bullish|bearish|ath|market cap|mcap"
                    + "|trading at|pump|pumping|dump|dumping|rally|earnings|buy|sell|sold|hodl|chart|premarket|nasdaq"
                    + "|portfolio|bear market|bull market)\\b");

    private OutageLanguage() {
    }

    /**
     * Classifies {@code text} in language {@code lang} (BCP-47, may be null).
     *
     * @param namedOnlyByTicker the service was recognised by cashtag alone (no name, no handle)
     */
    public static Verdict classify(String text, String lang, boolean namedOnlyByTicker) {
        String t = text.toLowerCase(Locale.ROOT);
        boolean strong = anyCue(t, strongCues(lang));
        if (strong) {
            return Verdict.OUTAGE_REPORT;
        }
        boolean priceTalk = namedOnlyByTicker || PRICE.matcher(t).find();
        if (anyCue(t, WEAK)) {
            return priceTalk ? Verdict.PRICE_TALK : Verdict.OUTAGE_REPORT;
        }
        return priceTalk ? Verdict.PRICE_TALK : Verdict.NO_CUE;
    }

    /** English plus every other language: for posts without a (known) language. */
    private static final List<String> ALL_CUES = allCues();

    private static List<String> allCues() {
        List<String> cues = new ArrayList<>(STRONG_EN);
        STRONG_BY_LANG.values().forEach(cues::addAll);
        return List.copyOf(cues);
    }

    private static final Map<String, List<String>> CUES_BY_LANG = cuesByLang();

    private static Map<String, List<String>> cuesByLang() {
        Map<String, List<String>> m = new java.util.HashMap<>();
        m.put("en", STRONG_EN);
        STRONG_BY_LANG.forEach((lang, own) -> {
            List<String> cues = new ArrayList<>(STRONG_EN);
            cues.addAll(own);
            m.put(lang, List.copyOf(cues));
        });
        return Map.copyOf(m);
    }

    private static List<String> strongCues(String lang) {
        if (lang == null) {
            return ALL_CUES;
        }
        int dash = lang.indexOf('-');
        String primary = (dash < 0 ? lang : lang.substring(0, dash)).toLowerCase(Locale.ROOT);
        return CUES_BY_LANG.getOrDefault(primary, ALL_CUES);
    }

    private static boolean anyCue(String lowerText, List<String> cues) {
        for (String c : cues) {
            if (TextMatch.contains(lowerText, c)) {
                return true;
            }
        }
        return false;
    }
}
