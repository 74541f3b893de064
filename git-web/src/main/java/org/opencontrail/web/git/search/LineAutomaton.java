package org.opencontrail.web.git.search;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.util.automaton.Automata;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * A regular expression (RE2's syntax, already compiled by RE2/J) as a deterministic automaton over
 * one line's characters, as grep tools run one: a step per character, where RE2/J, which has no
 * DFA, simulates every thread of its program. It tells which lines match; RE2/J then finds the
 * matches only in the lines that are shown.
 *
 * <p>Built from Lucene's automata, read from RE2's syntax by hand (RE2/J keeps its parse tree to
 * itself, and Lucene's own syntax is another). An anchor that begins or ends an alternative of
 * the whole expression is exact; what an automaton cannot say (word boundaries, other anchors,
 * Unicode classes, case folded) is read loosely, so that the automaton accepts every line that
 * matches and perhaps more: such an automaton is not {@link #exact()}, and a line it accepts is
 * checked by the engine. An expression it cannot read, or whose automaton grows too large, has
 * none.
 */
final class LineAutomaton {

    /** Lucene's bound on the work of making the automaton deterministic. */
    private static final int WORK_LIMIT = 20_000;

    /** A repetition whose automaton would pass this many states is left to the engine. */
    private static final int MOST_STATES = 10_000;

    private final CharacterRunAutomaton dfa;
    private final boolean folded;
    private final boolean exact;
    /** Accepting states that every continuation keeps accepting: the line matches, read no further. */
    private final boolean[] matched;

    /** The next state of each state for each ASCII character (folded when the input is), in one array. */
    private final int[] ascii;

    private LineAutomaton(CharacterRunAutomaton dfa, boolean folded, boolean exact) {
        this.dfa = dfa;
        this.folded = folded;
        this.exact = exact;
        int[] points = dfa.getCharIntervals();
        this.matched = new boolean[dfa.getSize()];
        this.ascii = new int[dfa.getSize() * 128];
        for (int state = 0; state < matched.length; state++) {
            boolean stays = dfa.isAccept(state);
            for (int i = 0; stays && i < points.length; i++) {
                stays = dfa.step(state, points[i]) == state;
            }
            matched[state] = stays;
            for (char c = 0; c < 128; c++) {
                ascii[state * 128 + c] = dfa.step(state, folded ? TrigramPlan.fold(c) : c);
            }
        }
    }

    /** What is told each line the automaton accepts; false to stop. */
    interface Accepted {
        boolean line(int number, int start, int end);
    }

    /**
     * Each line of the text it accepts, in order, told with its number (from 1), where it starts
     * and where it ends (before its '\n'); one pass over the text, and none past a line's verdict.
     */
    void lines(String text, Accepted accepted) {
        int length = text.length();
        int number = 1;
        int at = 0;
        while (at < length) {
            int start = at;
            int state = 0;
            boolean accepts;
            while (true) {
                if (at == length) {
                    accepts = dfa.isAccept(state);
                    break;
                }
                char c = text.charAt(at);
                if (c == '\n') {
                    accepts = dfa.isAccept(state);
                    break;
                }
                at++;
                if (c < 128) {
                    state = ascii[state * 128 + c];
                } else if (Character.isHighSurrogate(c) && at < length && Character.isLowSurrogate(text.charAt(at))) {
                    state = dfa.step(state, Character.toCodePoint(c, text.charAt(at++)));
                } else {
                    state = dfa.step(state, folded ? TrigramPlan.fold(c) : c);
                }
                if (state < 0 || matched[state]) {
                    accepts = state >= 0;
                    int newline = text.indexOf('\n', at);
                    at = newline < 0 ? length : newline;
                    break;
                }
            }
            if (accepts && !accepted.line(number, start, at)) {
                return;
            }
            at++;
            number++;
        }
    }

    /** The automaton of a regular expression, if it has one. */
    static Optional<LineAutomaton> of(String regex, boolean caseSensitive) {
        Reader reader = new Reader(regex, !caseSensitive || regex.matches("(?s).*\\(\\?[a-zA-Z]*i.*"));
        try {
            Automaton whole = reader.whole();
            if (whole == null || reader.at < regex.length()) {
                return Optional.empty();
            }
            return Optional.of(new LineAutomaton(
                    new CharacterRunAutomaton(whole, WORK_LIMIT), reader.folded, reader.exact && !reader.folded));
        } catch (TooComplexToDeterminizeException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** Whether it accepts exactly the lines that match; otherwise a line it accepts may not. */
    boolean exact() {
        return exact;
    }

    /** Whether a line (no '\n' in it) matches, or may when not exact. */
    boolean accepts(String line) {
        boolean[] accepts = {false};
        lines(line, (number, start, end) -> accepts[0] = true);
        return accepts[0] || (line.isEmpty() && dfa.isAccept(0));
    }

    /** RE2's syntax read into an automaton of the whole line. */
    private static final class Reader {

        private final String regex;
        private int at;
        private int depth;
        /** Characters are folded, literals and classes alike (the input is folded too). */
        private final boolean folded;
        /** Nothing was read loosely. */
        private boolean exact = true;

        Reader(String regex, boolean folded) {
            this.regex = regex;
            this.folded = folded;
        }

        /**
         * Each alternative of the whole expression: any text before it unless it begins with an
         * anchor, any after it unless it ends with one; the line must be read whole.
         */
        Automaton whole() {
            List<Automaton> choices = new ArrayList<>();
            do {
                if (!choices.isEmpty()) {
                    at++; // |
                }
                boolean fromStart = anchors("^", "\\A");
                List<Automaton> parts = new ArrayList<>();
                if (!fromStart) {
                    parts.add(Automata.makeAnyString());
                }
                Automaton sequence = sequence(true);
                if (sequence == null) {
                    return null;
                }
                parts.add(sequence);
                if (!endAnchor) {
                    parts.add(Automata.makeAnyString());
                }
                choices.add(Operations.concatenate(parts));
            } while (at < regex.length() && regex.charAt(at) == '|');
            return Operations.union(choices);
        }

        /** Set by {@link #sequence} at the top: the alternative ends with an anchor. */
        private boolean endAnchor;

        /** Anchors of one kind read past, when there are any here (not followed by a quantifier). */
        private boolean anchors(String... kinds) {
            int from = at;
            boolean any = false;
            boolean more = true;
            while (more) {
                more = false;
                for (String kind : kinds) {
                    if (regex.startsWith(kind, at)) {
                        at += kind.length();
                        any = more = true;
                    }
                }
            }
            if (any && at < regex.length() && "*+?{".indexOf(regex.charAt(at)) >= 0) {
                at = from; // a quantified anchor: read as any other
                return false;
            }
            return any;
        }

        private Automaton alternation() {
            List<Automaton> choices = new ArrayList<>();
            do {
                if (!choices.isEmpty()) {
                    at++; // |
                }
                Automaton sequence = sequence(false);
                if (sequence == null) {
                    return null;
                }
                choices.add(sequence);
            } while (at < regex.length() && regex.charAt(at) == '|');
            return Operations.union(choices);
        }

        /** Atoms up to '|', ')' or the end; at the top, an anchor that ends it is noted, not read. */
        private Automaton sequence(boolean top) {
            List<Automaton> parts = new ArrayList<>();
            if (top) {
                endAnchor = false;
            }
            while (at < regex.length()) {
                char c = regex.charAt(at);
                if (c == '|' || c == ')') {
                    break;
                }
                if (top && depth == 0 && endsHere()) {
                    endAnchor = true;
                    break;
                }
                Automaton atom = atom();
                if (atom == null) {
                    return null;
                }
                Automaton quantified = quantified(atom);
                if (quantified == null) {
                    return null;
                }
                parts.add(quantified);
            }
            return parts.isEmpty() ? Automata.makeEmptyString() : Operations.concatenate(parts);
        }

        /** Whether end anchors, and only they, are here to the alternative's end: read past them. */
        private boolean endsHere() {
            int from = at;
            if (anchors("$", "\\z") && (at == regex.length() || regex.charAt(at) == '|')) {
                return true;
            }
            at = from;
            return false;
        }

        private Automaton atom() {
            char c = regex.charAt(at);
            switch (c) {
                case '(' -> {
                    return group();
                }
                case '[' -> {
                    return characters(charClass());
                }
                case '.' -> {
                    at++;
                    return Automata.makeAnyChar();
                }
                case '^', '$' -> {
                    at++;
                    exact = false; // an anchor inside: read as nothing, the engine checks it
                    return Automata.makeEmptyString();
                }
                case '\\' -> {
                    return escaped();
                }
                default -> {
                    int point = regex.codePointAt(at);
                    at += Character.charCount(point);
                    return character(point);
                }
            }
        }

        private Automaton group() {
            // flags: 'i' folds the whole expression (see of), the others change no line's verdict
            Re2Syntax.Opening opening = Re2Syntax.group(regex, at);
            at = opening.next();
            if (opening.flagsOnly()) {
                return Automata.makeEmptyString();
            }
            depth++;
            Automaton inside = alternation();
            depth--;
            if (inside == null || at >= regex.length()) {
                return null;
            }
            at++; // )
            return inside;
        }

        /** The atom as often as the quantifier after it says; null for counts left to the engine. */
        private Automaton quantified(Automaton atom) {
            if (at >= regex.length()) {
                return atom;
            }
            char c = regex.charAt(at);
            Automaton result;
            if (c == '*') {
                at++;
                result = Operations.repeat(atom);
            } else if (c == '+') {
                at++;
                result = Operations.repeat(atom, 1);
            } else if (c == '?') {
                at++;
                result = Operations.optional(atom);
            } else if (c == '{' && Re2Syntax.repetition(regex, at).isPresent()) {
                Re2Syntax.Repetition counted = Re2Syntax.repetition(regex, at).get();
                at = counted.next();
                int bound = counted.most() < 0 ? counted.least() : counted.most();
                if ((long) atom.getNumStates() * bound > MOST_STATES) {
                    return null;
                }
                result = counted.most() < 0
                        ? Operations.repeat(atom, counted.least())
                        : Operations.repeat(atom, counted.least(), counted.most());
            } else {
                return atom;
            }
            if (at < regex.length() && regex.charAt(at) == '?') {
                at++; // lazy: the same lines match
            }
            return result;
        }

        /** An escape outside a class. */
        private Automaton escaped() {
            if (regex.startsWith("\\Q", at)) {
                at += 2;
                int end = regex.indexOf("\\E", at);
                String text = regex.substring(at, end < 0 ? regex.length() : end);
                at = end < 0 ? regex.length() : end + 2;
                if (text.isEmpty()) {
                    return Automata.makeEmptyString();
                }
                // a quantifier after \E takes the last character alone
                int last = text.offsetByCodePoints(text.length(), -1);
                List<Automaton> parts = new ArrayList<>();
                text.substring(0, last).codePoints().forEach(point -> parts.add(character(point)));
                Automaton lastOne = quantified(character(text.codePointAt(last)));
                if (lastOne == null) {
                    return null;
                }
                parts.add(lastOne);
                // the caller's quantifier finds nothing more to read
                return Operations.concatenate(parts);
            }
            char next = at + 1 < regex.length() ? regex.charAt(at + 1) : 0;
            switch (next) {
                case 'b', 'B' -> {
                    at += 2;
                    exact = false; // word boundaries: read as nothing, the engine checks them
                    return Automata.makeEmptyString();
                }
                case 'A', 'z' -> {
                    at += 2;
                    exact = false;
                    return Automata.makeEmptyString();
                }
                case 'C' -> {
                    at += 2;
                    return Automata.makeAnyChar();
                }
                default -> {
                    Ranges ranges = new Ranges();
                    if (!escapeInto(ranges)) {
                        return null;
                    }
                    return characters(ranges);
                }
            }
        }

        /**
         * An escape that stands for characters, read into ranges (a class's escapes too): Perl's
         * classes, Unicode's (loosely: any character), hexadecimal, control characters, escaped
         * punctuation. False for what RE2 reads otherwise (octal, back references it refuses).
         */
        private boolean escapeInto(Ranges ranges) {
            at++; // \
            char c = regex.charAt(at++);
            switch (c) {
                case 'd' -> ranges.add('0', '9');
                case 'D' -> ranges.addNot(new Ranges().add('0', '9'));
                case 's' -> ranges.addAll(SPACE);
                case 'S' -> ranges.addNot(SPACE);
                case 'w' -> ranges.addAll(WORD);
                case 'W' -> ranges.addNot(WORD);
                case 'p', 'P' -> {
                    if (regex.charAt(at) == '{') {
                        at = regex.indexOf('}', at) + 1;
                    } else {
                        at++;
                    }
                    exact = false; // a Unicode class: any character, the engine checks it
                    ranges.add(0, Character.MAX_CODE_POINT);
                }
                case 'n' -> ranges.add('\n', '\n');
                case 't' -> ranges.add('\t', '\t');
                case 'r' -> ranges.add('\r', '\r');
                case 'f' -> ranges.add('\f', '\f');
                case 'v' -> ranges.add(0x0B, 0x0B);
                case 'a' -> ranges.add(0x07, 0x07);
                case 'x' -> {
                    Re2Syntax.Hex hex = Re2Syntax.hex(regex, at);
                    at = hex.next();
                    int point = hex.point();
                    if (point < 0) {
                        return false;
                    }
                    ranges.add(point, point);
                }
                default -> {
                    if (Character.isLetterOrDigit(c)) {
                        return false;
                    }
                    ranges.add(c, c);
                }
            }
            return true;
        }

        /** A bracketed class, from its '[' to its ']'. */
        private Ranges charClass() {
            at++; // [
            boolean negated = regex.charAt(at) == '^';
            if (negated) {
                at++;
            }
            Ranges ranges = new Ranges();
            boolean first = true;
            while (regex.charAt(at) != ']' || first) {
                first = false;
                if (regex.startsWith("[:", at)) {
                    int end = regex.indexOf(":]", at + 2);
                    String name = regex.substring(at + 2, end);
                    at = end + 2;
                    boolean not = name.startsWith("^");
                    Ranges named = posix(not ? name.substring(1) : name);
                    if (named == null) {
                        throw new IllegalArgumentException(name);
                    }
                    if (not) {
                        ranges.addNot(named);
                    } else {
                        ranges.addAll(named);
                    }
                    continue;
                }
                int low = classCharacter(ranges);
                if (low < 0) {
                    continue; // an escaped class, added whole
                }
                if (regex.charAt(at) == '-' && regex.charAt(at + 1) != ']') {
                    at++;
                    int high = classCharacter(ranges);
                    if (high < 0) {
                        throw new IllegalArgumentException("a range to a class");
                    }
                    ranges.add(low, high);
                } else {
                    ranges.add(low, low);
                }
            }
            at++; // ]
            return negated ? new Ranges().addNot(ranges) : ranges;
        }

        /** One character of a class; -1 when it was an escape of a class, added to the ranges. */
        private int classCharacter(Ranges ranges) {
            if (regex.charAt(at) != '\\') {
                int point = regex.codePointAt(at);
                at += Character.charCount(point);
                return point;
            }
            Ranges escape = new Ranges();
            if (!escapeInto(escape)) {
                throw new IllegalArgumentException("an escape");
            }
            int single = escape.single();
            if (single >= 0) {
                return single;
            }
            ranges.addAll(escape);
            return -1;
        }

        private Automaton characters(Ranges ranges) {
            Ranges read = folded ? ranges.folded() : ranges;
            Automaton a = new Automaton();
            int start = a.createState();
            int end = a.createState();
            a.setAccept(end, true);
            for (int[] range : read.merged()) {
                a.addTransition(start, end, range[0], range[1]);
            }
            a.finishState();
            return a;
        }

        private Automaton character(int point) {
            return characters(new Ranges().add(point, point));
        }
    }

    private static final Ranges SPACE =
            new Ranges().add('\t', '\n').add('\f', '\r').add(' ', ' ');
    private static final Ranges WORD =
            new Ranges().add('0', '9').add('A', 'Z').add('a', 'z').add('_', '_');

    /** RE2's ASCII classes by their POSIX names; null for a name it does not know. */
    private static Ranges posix(String name) {
        return switch (name) {
            case "alnum" -> new Ranges().add('0', '9').add('A', 'Z').add('a', 'z');
            case "alpha" -> new Ranges().add('A', 'Z').add('a', 'z');
            case "ascii" -> new Ranges().add(0, 0x7F);
            case "blank" -> new Ranges().add('\t', '\t').add(' ', ' ');
            case "cntrl" -> new Ranges().add(0, 0x1F).add(0x7F, 0x7F);
            case "digit" -> new Ranges().add('0', '9');
            case "graph", "print" -> new Ranges().add(name.equals("print") ? ' ' : '!', '~');
            case "lower" -> new Ranges().add('a', 'z');
            case "punct" ->
                new Ranges().add('!', '/').add(':', '@').add('[', '`').add('{', '~');
            case "space" -> new Ranges().add('\t', '\r').add(' ', ' ');
            case "upper" -> new Ranges().add('A', 'Z');
            case "word" -> WORD;
            case "xdigit" -> new Ranges().add('0', '9').add('A', 'F').add('a', 'f');
            default -> null;
        };
    }

    /** Code point ranges of a class, in any order until merged. */
    private static final class Ranges {
        private final List<int[]> ranges = new ArrayList<>();

        Ranges add(int low, int high) {
            if (low <= high) {
                ranges.add(new int[] {low, high});
            }
            return this;
        }

        Ranges addAll(Ranges other) {
            ranges.addAll(other.ranges);
            return this;
        }

        /** Every code point not in the other. */
        Ranges addNot(Ranges other) {
            int next = 0;
            for (int[] range : other.merged()) {
                add(next, range[0] - 1);
                next = range[1] + 1;
            }
            return add(next, Character.MAX_CODE_POINT);
        }

        /** The one code point it holds, or -1. */
        int single() {
            List<int[]> merged = merged();
            return merged.size() == 1 && merged.get(0)[0] == merged.get(0)[1] ? merged.get(0)[0] : -1;
        }

        /** The folded characters of these: a folded character is in them when any of its case is. */
        Ranges folded() {
            BitSet folds = new BitSet(Character.MAX_VALUE + 1);
            Ranges result = new Ranges();
            for (int[] range : merged()) {
                for (int c = range[0]; c <= Math.min(range[1], Character.MAX_VALUE); c++) {
                    folds.set(TrigramPlan.fold((char) c));
                }
                if (range[1] > Character.MAX_VALUE) {
                    // past the BMP the input is not folded, and RE2 folds a few scripts there: any
                    result.add(Character.MAX_VALUE + 1, Character.MAX_CODE_POINT);
                }
            }
            for (int c = folds.nextSetBit(0); c >= 0; ) {
                int end = folds.nextClearBit(c);
                result.add(c, end - 1);
                c = folds.nextSetBit(end);
            }
            return result;
        }

        List<int[]> merged() {
            List<int[]> sorted = new ArrayList<>(ranges);
            sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
            List<int[]> merged = new ArrayList<>();
            for (int[] range : sorted) {
                int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && range[0] <= last[1] + 1) {
                    last[1] = Math.max(last[1], range[1]);
                } else {
                    merged.add(new int[] {range[0], range[1]});
                }
            }
            return merged;
        }
    }
}
