package org.opencontrail.web.git.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which trigrams a file must hold for a term to match in it: a necessary condition, never a
 * sufficient one (every candidate is checked against its text). Trigrams are of folded text
 * ({@link #fold}), as the index holds them.
 */
sealed interface TrigramPlan {

    /** The most trigrams one literal run asks for: more narrow little and cost a clause each. */
    int MOST_PER_RUN = 16;

    /** Nothing is known: every file is a candidate. */
    record All() implements TrigramPlan {}

    /** Every one of these trigrams. */
    record Need(Set<String> trigrams) implements TrigramPlan {}

    /** Every part. */
    record Both(List<TrigramPlan> parts) implements TrigramPlan {}

    /** At least one part. */
    record Either(List<TrigramPlan> parts) implements TrigramPlan {}

    TrigramPlan ALL = new All();

    /** A character as the index keeps it: case folded as the regex engine folds it ('ſ' and 'S' are 's'). */
    static char fold(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c; // most code: no table to look in
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    /** A text folded character by character ({@link #fold(char)}): its length stays. */
    static String fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            folded.append(fold(text.charAt(i)));
        }
        return folded.toString();
    }

    /** The plan of a literal text. */
    static TrigramPlan literal(String text) {
        if (text.length() < 3) {
            return ALL;
        }
        List<String> all = new ArrayList<>(new LinkedHashSet<>(trigrams(fold(text))));
        if (all.size() <= MOST_PER_RUN) {
            return new Need(new LinkedHashSet<>(all));
        }
        // spread over the run: its first and last trigrams, and evenly between
        Set<String> some = new LinkedHashSet<>();
        for (int i = 0; i < MOST_PER_RUN; i++) {
            some.add(all.get((int) ((long) i * (all.size() - 1) / (MOST_PER_RUN - 1))));
        }
        return new Need(some);
    }

    private static List<String> trigrams(CharSequence text) {
        List<String> trigrams = new ArrayList<>(text.length());
        for (int i = 0; i + 3 <= text.length(); i++) {
            trigrams.add(text.subSequence(i, i + 3).toString());
        }
        return trigrams;
    }

    /** Both plans: the one that knows nothing drops out. */
    static TrigramPlan both(List<TrigramPlan> parts) {
        List<TrigramPlan> known =
                parts.stream().filter(p -> !(p instanceof All)).toList();
        return known.isEmpty() ? ALL : known.size() == 1 ? known.get(0) : new Both(known);
    }

    /** Either plan: if one knows nothing, nothing is known. */
    static TrigramPlan either(List<TrigramPlan> parts) {
        if (parts.stream().anyMatch(p -> p instanceof All)) {
            return ALL;
        }
        return parts.size() == 1 ? parts.get(0) : new Either(List.copyOf(parts));
    }
}
