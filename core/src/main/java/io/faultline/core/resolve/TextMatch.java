package io.faultline.core.resolve;

/** Whole-word search in lower-cased text: a match must not continue a word on either side. */
final class TextMatch {

    private TextMatch() {
    }

    /** Index of the first whole-word occurrence of {@code term} in {@code text}, or -1. */
    static int find(String text, String term) {
        if (term.isEmpty()) {
            return -1;
        }
        int from = 0;
        while (true) {
            int i = text.indexOf(term, from);
            if (i < 0) {
                return -1;
            }
            int end = i + term.length();
            boolean startOk = i == 0 || !isWordChar(text.charAt(i - 1)) || !isWordChar(term.charAt(0));
            boolean endOk = end == text.length() || !isWordChar(text.charAt(end)) || !isWordChar(term.charAt(term.length() - 1));
            if (startOk && endOk) {
                return i;
            }
            from = i + 1;
        }
    }

    static boolean contains(String text, String term) {
        return find(text, term) >= 0;
    }

    private static boolean isWordChar(char c) {
        // CJK scripts do not separate words with spaces: any position is a boundary there
        return c < 0x2E80 && Character.isLetterOrDigit(c);
    }
}
