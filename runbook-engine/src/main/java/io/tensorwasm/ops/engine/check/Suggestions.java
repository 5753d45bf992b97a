package io.tensorwasm.ops.engine.check;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" for misspelt words, by edit distance. */
public final class Suggestions {

    private Suggestions() {}

    /** {@code ; did you mean "x"?} for the closest candidate, or an empty string. */
    public static String didYouMean(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = word.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(2, word.length() / 3);
        return best != null && bestDistance <= allowed ? "; did you mean \"" + best + "\"?" : "";
    }

    /** The "did you mean" for the word when one is close, else {@code "; " + rule}. */
    public static String hint(String word, Collection<String> candidates, String rule) {
        String suggestion = didYouMean(word, candidates);
        return suggestion.isEmpty() ? "; " + rule : suggestion;
    }

    /** The words as {@code a, b or c}. */
    public static String oneOf(Collection<String> words) {
        java.util.List<String> list = java.util.List.copyOf(words);
        if (list.size() < 2) {
            return String.join("", list);
        }
        return String.join(", ", list.subList(0, list.size() - 1))
                + " or "
                + list.get(list.size() - 1);
    }

    /** Levenshtein distance with adjacent transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] =
                        Math.min(
                                Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1
                        && j > 1
                        && a.charAt(i - 1) == b.charAt(j - 2)
                        && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
