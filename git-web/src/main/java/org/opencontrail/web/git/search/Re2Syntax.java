package org.opencontrail.web.git.search;

/**
 * The parts of RE2's syntax that both readers of a regular expression read the same way
 * ({@link RegexTrigrams} for its literal runs, {@link LineAutomaton} for its automaton): where a
 * group's own expression starts, what a '{' opens, a hexadecimal escape.
 */
final class Re2Syntax {

    private Re2Syntax() {}

    /**
     * A group's opening read past.
     *
     * @param next      where its expression starts, or, for flags alone ({@code (?i)}), what follows them
     * @param flagsOnly it is flags alone, with no expression of its own
     */
    record Opening(int next, boolean flagsOnly) {}

    /** The opening of the group whose '(' is at {@code at}: {@code (}, {@code (?:}, {@code (?P<name>}, {@code (?flags:}. */
    static Opening group(String regex, int at) {
        int i = at + 1;
        if (i >= regex.length() || regex.charAt(i) != '?') {
            return new Opening(i, false);
        }
        i++;
        if (i < regex.length() && (regex.charAt(i) == 'P' || regex.charAt(i) == '<')) {
            return new Opening(regex.indexOf('>', i) + 1, false); // a name
        }
        while (i < regex.length() && regex.charAt(i) != ':' && regex.charAt(i) != ')') {
            i++; // flags
        }
        return new Opening(i + 1, i < regex.length() && regex.charAt(i) == ')');
    }

    /**
     * A counted repetition read past.
     *
     * @param least its least count
     * @param most  its greatest, or -1 for none ({n,})
     * @param next  where what follows starts
     */
    record Repetition(int least, int most, int next) {}

    /** The repetition the '{' at {@code at} opens ({n}, {n,}, {n,m}); none for a literal brace. */
    static java.util.Optional<Repetition> repetition(String regex, int at) {
        int close = regex.indexOf('}', at);
        if (close <= at + 1 || !regex.substring(at + 1, close).matches("\\d+(,\\d*)?")) {
            return java.util.Optional.empty();
        }
        String body = regex.substring(at + 1, close);
        int comma = body.indexOf(',');
        int least = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
        String most = comma < 0 ? body : body.substring(comma + 1);
        return java.util.Optional.of(new Repetition(least, most.isEmpty() ? -1 : Integer.parseInt(most), close + 1));
    }

    /**
     * A hexadecimal escape's digits, {@code {h...}} or two, from {@code at} (after "\x").
     *
     * @param point the code point, or -1 when the digits are not one
     * @param next  where what follows starts
     */
    record Hex(int point, int next) {}

    static Hex hex(String regex, int at) {
        int start;
        int end;
        int next;
        if (at < regex.length() && regex.charAt(at) == '{') {
            start = at + 1;
            end = regex.indexOf('}', at);
            next = end + 1;
        } else {
            start = at;
            end = Math.min(at + 2, regex.length());
            next = end;
        }
        try {
            return new Hex(Integer.parseInt(regex.substring(start, end), 16), next);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return new Hex(-1, next);
        }
    }
}
