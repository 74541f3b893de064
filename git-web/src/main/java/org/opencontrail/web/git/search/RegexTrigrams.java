package org.opencontrail.web.git.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The trigrams a regular expression (RE2's syntax, already known to compile) needs in a file:
 * the literal runs every match must contain, joined as its alternatives and groups say. What it
 * cannot read (classes, escapes of classes, anchors) ends a run, so the plan stays a necessary
 * condition. RE2/J keeps its parse tree to itself, hence this reading.
 */
final class RegexTrigrams {

    private final String regex;
    private int at;
    /** How deep in groups the reader is; runs at depth 0, with no alternative beside them, are in every match. */
    private int depth;

    private final List<String> topRuns = new ArrayList<>();
    private boolean topChoices;

    private RegexTrigrams(String regex) {
        this.regex = regex;
    }

    static TrigramPlan of(String regex) {
        RegexTrigrams reader = new RegexTrigrams(regex);
        TrigramPlan plan = reader.alternation();
        // a stray ')' cannot be here (the pattern compiled); anything left unread narrows nothing
        return reader.at < regex.length() ? TrigramPlan.ALL : plan;
    }

    /**
     * The longest literal run every match of the regular expression holds, as written (not
     * folded): what a line must contain before the engine is run on it. Empty when there is none
     * of three characters or more.
     */
    static java.util.Optional<String> requiredRun(String regex) {
        RegexTrigrams reader = new RegexTrigrams(regex);
        reader.alternation();
        if (reader.at < regex.length() || reader.topChoices) {
            return java.util.Optional.empty();
        }
        return reader.topRuns.stream().max(java.util.Comparator.comparingInt(String::length));
    }

    private TrigramPlan alternation() {
        List<TrigramPlan> choices = new ArrayList<>();
        choices.add(sequence());
        while (at < regex.length() && regex.charAt(at) == '|') {
            at++;
            if (depth == 0) {
                topChoices = true;
            }
            choices.add(sequence());
        }
        return TrigramPlan.either(choices);
    }

    private TrigramPlan sequence() {
        List<TrigramPlan> parts = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        while (at < regex.length()) {
            char c = regex.charAt(at);
            if (c == '|' || c == ')') {
                break;
            }
            if (c == '(') {
                TrigramPlan group = group();
                flush(run, parts);
                if (quantifier() > 0) {
                    parts.add(group);
                }
            } else if (c == '\\' && at + 1 < regex.length() && regex.charAt(at + 1) == 'Q') {
                quoted(run, parts);
            } else {
                int literal = literal();
                int least = quantifier();
                if (literal < 0 || least == 0) {
                    flush(run, parts);
                } else {
                    run.appendCodePoint(literal);
                    if (least < 0) {
                        flush(run, parts); // repeated: what follows is not next to it
                    }
                }
            }
        }
        flush(run, parts);
        return TrigramPlan.both(parts);
    }

    /** A group from its '(' to its ')': its flags, if any, read past. */
    private TrigramPlan group() {
        Re2Syntax.Opening opening = Re2Syntax.group(regex, at);
        at = opening.next();
        if (opening.flagsOnly()) {
            return TrigramPlan.ALL; // (?i): flags alone
        }
        depth++;
        TrigramPlan inside = alternation();
        depth--;
        at++; // )
        return inside;
    }

    /** The code point of a literal atom, read past; -1 for an atom that is not one character. */
    private int literal() {
        char c = regex.charAt(at);
        switch (c) {
            case '[' -> {
                skipClass();
                return -1;
            }
            case '.', '^', '$' -> {
                at++;
                return -1;
            }
            case '\\' -> {
                return escape();
            }
            default -> {
                int point = regex.codePointAt(at);
                at += Character.charCount(point);
                return point;
            }
        }
    }

    private int escape() {
        at++; // \
        if (at >= regex.length()) {
            return -1;
        }
        char c = regex.charAt(at++);
        switch (c) {
            case 'n' -> {
                return '\n';
            }
            case 't' -> {
                return '\t';
            }
            case 'r' -> {
                return '\r';
            }
            case 'f' -> {
                return '\f';
            }
            case 'v' -> {
                return 0x0B;
            }
            case 'a' -> {
                return 0x07;
            }
            case 'p', 'P' -> {
                if (at < regex.length() && regex.charAt(at) == '{') {
                    at = regex.indexOf('}', at) + 1;
                } else {
                    at++;
                }
                return -1;
            }
            case 'x' -> {
                return hex();
            }
            default -> {
                // punctuation escaped is itself; a letter or digit is a class, an anchor or an octal
                return Character.isLetterOrDigit(c) ? -1 : c;
            }
        }
    }

    private int hex() {
        Re2Syntax.Hex hex = Re2Syntax.hex(regex, at);
        at = hex.next();
        return hex.point();
    }

    /** {@code \Q...\E}: each character a literal, the last one open to a quantifier. */
    private void quoted(StringBuilder run, List<TrigramPlan> parts) {
        at += 2;
        int end = regex.indexOf("\\E", at);
        String text = regex.substring(at, end < 0 ? regex.length() : end);
        at = end < 0 ? regex.length() : end + 2;
        if (text.isEmpty()) {
            return;
        }
        int last = text.offsetByCodePoints(text.length(), -1);
        run.append(text, 0, last);
        int least = quantifier();
        if (least == 0) {
            flush(run, parts);
        } else {
            run.append(text, last, text.length());
            if (least < 0) {
                flush(run, parts);
            }
        }
    }

    private void skipClass() {
        at++; // [
        if (at < regex.length() && regex.charAt(at) == '^') {
            at++;
        }
        if (at < regex.length() && regex.charAt(at) == ']') {
            at++;
        }
        while (at < regex.length() && regex.charAt(at) != ']') {
            if (regex.charAt(at) == '\\') {
                at += 2;
            } else if (regex.startsWith("[:", at)) {
                int end = regex.indexOf(":]", at + 2);
                at = end < 0 ? at + 1 : end + 2;
            } else {
                at++;
            }
        }
        at++; // ]
    }

    /**
     * The quantifier after an atom, read past: 1 for none (the atom once), 0 when the atom may be
     * absent, -1 when it is there but may repeat.
     */
    private int quantifier() {
        if (at >= regex.length()) {
            return 1;
        }
        char c = regex.charAt(at);
        int least;
        if (c == '*' || c == '?') {
            at++;
            least = 0;
        } else if (c == '+') {
            at++;
            least = -1;
        } else if (c == '{' && Re2Syntax.repetition(regex, at).isPresent()) {
            Re2Syntax.Repetition counted = Re2Syntax.repetition(regex, at).get();
            at = counted.next();
            least = counted.least() == 0 ? 0 : counted.least() == 1 && counted.most() == 1 ? 1 : -1;
        } else {
            return 1;
        }
        if (at < regex.length() && regex.charAt(at) == '?') {
            at++; // lazy
        }
        return least;
    }

    private void flush(StringBuilder run, List<TrigramPlan> parts) {
        if (run.length() >= 3) {
            parts.add(TrigramPlan.literal(run.toString()));
            if (depth == 0) {
                topRuns.add(run.toString());
            }
        }
        run.setLength(0);
    }
}
