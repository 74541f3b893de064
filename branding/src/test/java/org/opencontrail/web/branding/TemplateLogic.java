package org.opencontrail.web.branding;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Thymeleaf template computes instead of showing: the checks of {@link TemplatesHoldNoLogicTest}. A template
 * may loop, test a condition, choose on a condition between literals or texts with fields
 * ({@code ${link.current()} ? 'page' : null}) and write fields; signs, classes, addresses and numbers are made in Java,
 * where they are tested.
 */
final class TemplateLogic {

    /**
     * One thing a template computes.
     *
     * @param file      the template, relative to the repository
     * @param line      the line its attribute starts on
     * @param what      what it computes
     * @param attribute the attribute as written
     */
    record Finding(String file, int line, String what, String attribute) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + what + " in " + attribute;
        }
    }

    private static final Pattern ATTRIBUTE =
            Pattern.compile("\\b(?:data-)?th:([\\w-]+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')", Pattern.DOTALL);
    private static final Pattern INLINED = Pattern.compile("\\[\\[(.*?)]]|\\[\\((.*?)\\)]", Pattern.DOTALL);
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

    private static final Pattern UTILITY = Pattern.compile(
            "#(strings|numbers|lists|arrays|sets|maps|dates|calendars|temporals|aggregates|uris|conversions|objects|bools)\\.");
    private static final Pattern TEXT_METHOD = Pattern.compile(
            "\\.(substring|startsWith|endsWith|toLowerCase|toUpperCase|orElse|orElseGet|replace|replaceAll|trim|strip"
                    + "|concat|split|length|format|repeat)\\s*\\(");
    private static final Pattern BINARY_OPERATOR = Pattern.compile("(?<=[\\w)\\]])\\s*([-+*/%])\\s*(?=[\\w(\\[!#$])");
    private static final Pattern WORD_OPERATOR = Pattern.compile("\\b(div|mod)\\b");
    private static final Pattern LITERAL_BRANCH = Pattern.compile("\\s*(S|L|F|null|true|false|-?\\d+(\\.\\d+)?)\\s*");
    private static final Pattern URL_NAME = Pattern.compile("href|src|action|formaction|data-[\\w-]*(src|url|href)");
    private static final Pattern CLASS_NAME = Pattern.compile("class|classappend");

    private TemplateLogic() {}

    /** Everything the template computes, in the order written. */
    static List<Finding> findIn(String file, String template) {
        String text = blankComments(template);
        List<Finding> found = new ArrayList<>();
        Matcher attribute = ATTRIBUTE.matcher(text);
        while (attribute.find()) {
            String name = attribute.group(1);
            String value = attribute.group(2) != null ? attribute.group(2) : attribute.group(3);
            int line = lineOf(text, attribute.start());
            for (String what : check(name, value)) {
                found.add(new Finding(file, line, what, attribute.group()));
            }
        }
        Matcher inlined = INLINED.matcher(text);
        while (inlined.find()) {
            String value = inlined.group(1) != null ? inlined.group(1) : inlined.group(2);
            for (String what : check("text", value)) {
                found.add(new Finding(file, lineOf(text, inlined.start()), what, inlined.group()));
            }
        }
        return found;
    }

    /** What one attribute's value computes. */
    static List<String> check(String name, String value) {
        List<String> found = new ArrayList<>();
        if (name.equals("fragment") || name.equals("remove")) {
            return found;
        }
        Matcher utility = UTILITY.matcher(value);
        while (utility.find()) {
            found.add("a utility call (" + utility.group() + ")");
        }
        Matcher method = TEXT_METHOD.matcher(value);
        while (method.find()) {
            found.add("text made in the template (." + method.group(1) + ")");
        }
        if (value.contains("'http")) {
            found.add("an address written in an expression ('http)");
        }
        Parsed parsed = Parsed.of(value);
        for (String expression : parsed.expressions()) {
            String masked = maskLiterals(expression);
            if (BINARY_OPERATOR.matcher(masked).find()
                    || WORD_OPERATOR.matcher(masked).find()) {
                found.add("arithmetic or concatenation on an expression (" + expression.strip() + ")");
            }
            if (masked.contains("?")) {
                found.add("a ternary that computes a value (" + expression.strip() + ")");
            }
        }
        for (Assignment assignment : assignments(name, parsed.top(), value)) {
            String top = assignment.top();
            if (BINARY_OPERATOR.matcher(top).find()) {
                found.add("arithmetic or concatenation on expressions ("
                        + assignment.raw().strip() + ")");
            }
            if (top.contains("?:")) {
                found.add("a default computed in the template ("
                        + assignment.raw().strip() + ")");
            } else if (top.contains("?")) {
                String[] branches = branches(top);
                if (branches.length == 0
                        || !LITERAL_BRANCH.matcher(branches[0]).matches()
                        || (branches.length > 1
                                && !LITERAL_BRANCH.matcher(branches[1]).matches())) {
                    found.add("a ternary that computes a value ("
                            + assignment.raw().strip() + ")");
                }
            }
            if (URL_NAME.matcher(assignment.name()).matches()) {
                if (top.contains("L") || top.contains("+")) {
                    found.add("an address built in the template ("
                            + assignment.raw().strip() + ")");
                }
                for (String piece : new String[] {"?q=", "&amp;", "'/'"}) {
                    if (assignment.raw().contains(piece)) {
                        found.add("an address built in the template (" + piece + ")");
                    }
                }
            }
            if (CLASS_NAME.matcher(assignment.name()).matches() && (top.contains("L") || top.contains("+"))) {
                found.add(
                        "a CSS class built in the template (" + assignment.raw().strip() + ")");
            }
        }
        return found;
    }

    /** An attribute's target and value: one for most attributes, one per assignment for th:attr and th:with. */
    private record Assignment(String name, String top, String raw) {}

    private static List<Assignment> assignments(String name, String top, String raw) {
        if (!List.of("attr", "attrappend", "attrprepend", "with").contains(name)) {
            return List.of(new Assignment(name, top, raw));
        }
        List<Assignment> out = new ArrayList<>();
        for (String part : splitTop(top)) {
            int equals = part.indexOf('=');
            out.add(
                    equals < 0
                            ? new Assignment("", part, raw)
                            : new Assignment(part.substring(0, equals).strip(), part.substring(equals + 1), raw));
        }
        return out;
    }

    private static List<String> splitTop(String top) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < top.length(); i++) {
            char c = top.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(top.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(top.substring(start));
        return parts;
    }

    /** The two branches of a top-level {@code cond ? a : b} (one when there is no else). */
    private static String[] branches(String top) {
        int question = top.indexOf('?');
        String rest = top.substring(question + 1);
        int depth = 0;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ':' && depth == 0) {
                return new String[] {rest.substring(0, i), rest.substring(i + 1)};
            }
        }
        return new String[] {rest};
    }

    /** An expression with its string literals as {@code S}, so that their text is not read as operators. */
    private static String maskLiterals(String expression) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '\'') {
                i = endOfLiteral(expression, i);
                out.append('S');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int endOfLiteral(String text, int open) {
        for (int i = open + 1; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == '\'') {
                return i;
            }
        }
        return text.length() - 1;
    }

    /**
     * A value read as Thymeleaf reads it: its top level with every part replaced by one letter ({@code E} an
     * expression, {@code S} a string literal, {@code L} a literal substitution, {@code F} a fragment, {@code U} a
     * link expression), and the expressions found anywhere in it.
     */
    private record Parsed(String top, List<String> expressions) {

        static Parsed of(String value) {
            List<String> expressions = new ArrayList<>();
            StringBuilder top = new StringBuilder();
            int i = 0;
            while (i < value.length()) {
                char c = value.charAt(i);
                if (c == '\'') {
                    i = endOfLiteral(value, i) + 1;
                    top.append('S');
                } else if (c == '|') {
                    int close = value.indexOf('|', i + 1);
                    close = close < 0 ? value.length() : close;
                    collect(value.substring(i + 1, close), expressions);
                    i = close + 1;
                    top.append('L');
                } else if ("$*#@~".indexOf(c) >= 0 && i + 1 < value.length() && value.charAt(i + 1) == '{') {
                    int close = closingBrace(value, i + 1);
                    String body = value.substring(i + 2, close);
                    if (c == '~') {
                        collect(body, expressions);
                        top.append('F');
                    } else if (c == '@') {
                        collect(body, expressions);
                        top.append('U');
                    } else {
                        expressions.add(body);
                        top.append('E');
                    }
                    i = close + 1;
                } else {
                    top.append(c);
                    i++;
                }
            }
            return new Parsed(top.toString(), expressions);
        }

        /** The expressions inside a literal substitution, a fragment or a link. */
        private static void collect(String text, List<String> expressions) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if ("$*".indexOf(c) >= 0 && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                    int close = closingBrace(text, i + 1);
                    expressions.add(text.substring(i + 2, close));
                    i = close;
                }
            }
        }

        private static int closingBrace(String text, int open) {
            int depth = 0;
            for (int i = open; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\'') {
                    i = endOfLiteral(text, i);
                } else if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    return i;
                }
            }
            return text.length() - 1;
        }
    }

    private static String blankComments(String text) {
        Matcher comment = COMMENT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (comment.find()) {
            comment.appendReplacement(
                    out, Matcher.quoteReplacement(comment.group().replaceAll("[^\n]", " ")));
        }
        comment.appendTail(out);
        return out.toString();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
