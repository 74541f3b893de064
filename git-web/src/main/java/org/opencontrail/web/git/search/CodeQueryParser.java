package org.opencontrail.web.git.search;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a query in Zoekt's syntax (a subset): words and {@code "phrases"} (literal text),
 * {@code /regular expressions/} and {@code regex:}, {@code r:} {@code repo:}, {@code f:} {@code
 * file:}, {@code b:} {@code branch:}, {@code lang:}, {@code content:}, {@code case:yes|no|auto},
 * {@code -} to exclude, {@code or}, parentheses. Terms side by side must all hold; {@code or} binds
 * looser. Case: {@code auto} (the default) counts case in a term that has a capital letter.
 *
 * <p>A parenthesis inside a word is part of it ({@code printf(}); one that starts a term opens a
 * group, and one that ends a word closes the group open, if any.
 */
public final class CodeQueryParser {

    /** Longest query read: longer ones are refused, not cut. */
    static final int MAX_LENGTH = 2000;

    private static final Set<String> FIELDS =
            Set.of("case", "r", "repo", "f", "file", "b", "branch", "lang", "regex", "content");

    private enum Kind {
        OPEN,
        CLOSE,
        OR,
        NOT,
        FIELD,
        REGEX,
        PHRASE,
        WORD
    }

    private record Token(Kind kind, String field, String text, int position) {}

    private enum CaseMode {
        YES,
        NO,
        AUTO
    }

    private final String query;
    private final List<Token> tokens = new ArrayList<>();
    private int next;
    private CaseMode caseMode = CaseMode.AUTO;

    private CodeQueryParser(String query) {
        this.query = query;
    }

    /** The query read, or what is wrong with it and where. */
    public static CodeQuery parse(String query) throws BadCodeQuery {
        if (query.length() > MAX_LENGTH) {
            throw new BadCodeQuery("The query is longer than " + MAX_LENGTH + " characters", MAX_LENGTH);
        }
        CodeQueryParser parser = new CodeQueryParser(query);
        parser.lex();
        parser.settings();
        if (parser.tokens.isEmpty()) {
            throw new BadCodeQuery("The query asks for nothing", 0);
        }
        CodeQuery root = parser.or();
        if (parser.next < parser.tokens.size()) {
            Token extra = parser.tokens.get(parser.next);
            throw new BadCodeQuery("')' closes no group", extra.position());
        }
        return root;
    }

    // ---- tokens

    private void lex() throws BadCodeQuery {
        int depth = 0;
        int i = 0;
        while (i < query.length()) {
            char c = query.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                tokens.add(new Token(Kind.OPEN, "", "(", i++));
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    throw new BadCodeQuery("')' closes no group", i);
                }
                tokens.add(new Token(Kind.CLOSE, "", ")", i++));
                depth--;
            } else if (c == '-' && i + 1 < query.length() && excludes(query.charAt(i + 1))) {
                tokens.add(new Token(Kind.NOT, "", "-", i++));
            } else if (c == '"') {
                int[] end = new int[1];
                tokens.add(new Token(Kind.PHRASE, "", quoted(i, end), i));
                i = end[0];
            } else if (c == '/') {
                int[] end = new int[1];
                tokens.add(new Token(Kind.REGEX, "", slashed(i, end), i));
                i = end[0];
            } else {
                i = word(i, depth > 0); // a ')' that ends it closes the group, read next
            }
        }
    }

    /** Whether a '-' before this character excludes a term: not before a space, nor in {@code --flag}. */
    private static boolean excludes(char next) {
        return !Character.isWhitespace(next) && next != '-';
    }

    /** A word from {@code start}; returns where it ends. */
    private int word(int start, boolean inGroup) throws BadCodeQuery {
        int colon = -1;
        int i = start;
        int parens = 0;
        while (i < query.length()) {
            char c = query.charAt(i);
            if (Character.isWhitespace(c)) {
                break;
            }
            if (c == ')' && parens == 0 && inGroup) {
                break;
            }
            if (c == '(') {
                parens++;
            } else if (c == ')') {
                parens = Math.max(0, parens - 1);
            } else if (c == ':' && colon < 0) {
                colon = i;
                String field = query.substring(start, colon).toLowerCase(Locale.ROOT);
                if (FIELDS.contains(field)) {
                    return field(start, field, colon + 1, inGroup);
                }
            }
            i++;
        }
        String word = query.substring(start, i);
        tokens.add(new Token(word.equals("or") ? Kind.OR : Kind.WORD, "", word, start));
        return i;
    }

    /** A field's value from {@code from}, quoted or up to the next space; returns where it ends. */
    private int field(int start, String field, int from, boolean inGroup) throws BadCodeQuery {
        if (from < query.length() && query.charAt(from) == '"') {
            int[] end = new int[1];
            tokens.add(new Token(Kind.FIELD, field, quoted(from, end), start));
            return end[0];
        }
        int i = from;
        int parens = 0;
        while (i < query.length() && !Character.isWhitespace(query.charAt(i))) {
            char c = query.charAt(i);
            if (c == ')' && parens == 0 && inGroup) {
                break;
            }
            parens += c == '(' ? 1 : c == ')' ? -1 : 0;
            i++;
        }
        if (i == from) {
            throw new BadCodeQuery(field + ": needs a value", from);
        }
        tokens.add(new Token(Kind.FIELD, field, query.substring(from, i), start));
        return i;
    }

    /** The text between double quotes from {@code start} ({@code \"} and {@code \\} escaped). */
    private String quoted(int start, int[] end) throws BadCodeQuery {
        StringBuilder text = new StringBuilder();
        int i = start + 1;
        while (i < query.length()) {
            char c = query.charAt(i);
            if (c == '\\' && i + 1 < query.length()) {
                text.append(query.charAt(i + 1));
                i += 2;
            } else if (c == '"') {
                end[0] = i + 1;
                return text.toString();
            } else {
                text.append(c);
                i++;
            }
        }
        throw new BadCodeQuery("This quote is never closed", start);
    }

    /** The regular expression between slashes from {@code start} ({@code \/} is a slash). */
    private String slashed(int start, int[] end) throws BadCodeQuery {
        StringBuilder text = new StringBuilder();
        int i = start + 1;
        while (i < query.length()) {
            char c = query.charAt(i);
            if (c == '\\' && i + 1 < query.length()) {
                if (query.charAt(i + 1) == '/') {
                    text.append('/');
                } else {
                    text.append(c).append(query.charAt(i + 1));
                }
                i += 2;
            } else if (c == '/') {
                end[0] = i + 1;
                return text.toString();
            } else {
                text.append(c);
                i++;
            }
        }
        throw new BadCodeQuery("This regular expression is never closed by a '/'", start);
    }

    /** Takes the {@code case:} settings out: they hold for the whole query. */
    private void settings() throws BadCodeQuery {
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() != Kind.FIELD || !token.field().equals("case")) {
                continue;
            }
            if (i > 0 && tokens.get(i - 1).kind() == Kind.NOT) {
                throw new BadCodeQuery("case: cannot be excluded", token.position());
            }
            caseMode = switch (token.text().toLowerCase(Locale.ROOT)) {
                case "yes" -> CaseMode.YES;
                case "no" -> CaseMode.NO;
                case "auto" -> CaseMode.AUTO;
                default -> throw new BadCodeQuery("case: is yes, no or auto", token.position() + 5);
            };
            tokens.remove(i--);
        }
    }

    // ---- grammar: or := and ('or' and)*; and := unary+; unary := '-' unary | '(' or ')' | atom

    private CodeQuery or() throws BadCodeQuery {
        List<CodeQuery> parts = new ArrayList<>();
        parts.add(and());
        while (peek(Kind.OR)) {
            Token or = tokens.get(next++);
            if (next == tokens.size() || peek(Kind.OR) || peek(Kind.CLOSE)) {
                throw new BadCodeQuery("'or' needs a term after it", or.position());
            }
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new CodeQuery.Or(List.copyOf(parts));
    }

    private CodeQuery and() throws BadCodeQuery {
        List<CodeQuery> parts = new ArrayList<>();
        while (next < tokens.size() && !peek(Kind.OR) && !peek(Kind.CLOSE)) {
            parts.add(unary());
        }
        if (parts.isEmpty()) {
            int at = next < tokens.size() ? tokens.get(next).position() : query.length();
            throw new BadCodeQuery(peek(Kind.OR) ? "'or' needs a term before it" : "A term is missing", at);
        }
        return parts.size() == 1 ? parts.get(0) : new CodeQuery.And(List.copyOf(parts));
    }

    private CodeQuery unary() throws BadCodeQuery {
        Token token = tokens.get(next++);
        switch (token.kind()) {
            case NOT -> {
                if (next == tokens.size() || peek(Kind.OR) || peek(Kind.CLOSE)) {
                    throw new BadCodeQuery("'-' needs a term after it", token.position());
                }
                return new CodeQuery.Not(unary());
            }
            case OPEN -> {
                if (peek(Kind.CLOSE)) {
                    throw new BadCodeQuery("This group is empty", token.position());
                }
                CodeQuery inside = or();
                if (!peek(Kind.CLOSE)) {
                    throw new BadCodeQuery("This '(' is never closed", token.position());
                }
                next++;
                return inside;
            }
            case WORD, PHRASE -> {
                return content(token.text(), false, token.position());
            }
            case REGEX -> {
                return content(token.text(), true, token.position());
            }
            case FIELD -> {
                return field(token);
            }
            default -> throw new BadCodeQuery("'" + token.text() + "' is out of place", token.position());
        }
    }

    private CodeQuery field(Token token) throws BadCodeQuery {
        String value = token.text();
        return switch (token.field()) {
            case "regex" -> content(value, true, token.position());
            case "content" -> content(value, false, token.position());
            case "r", "repo" -> new CodeQuery.Repo(compile(value, caseFlags(value), token.position()));
            case "f", "file" -> new CodeQuery.FilePath(compile(value, caseFlags(value), token.position()));
            case "b", "branch" ->
                new CodeQuery.Branch(compile(Pattern.quote(value), caseFlags(value), token.position()));
            case "lang" ->
                new CodeQuery.Lang(CodeLanguages.named(value)
                        .orElseThrow(() -> new BadCodeQuery(
                                "lang: knows " + String.join(", ", CodeLanguages.known()) + ", not '" + value + "'",
                                token.position())));
            default -> throw new BadCodeQuery("Unknown field " + token.field() + ":", token.position());
        };
    }

    private CodeQuery content(String text, boolean regex, int position) throws BadCodeQuery {
        if (text.isEmpty()) {
            throw new BadCodeQuery("An empty term", position);
        }
        int flags = caseFlags(text);
        Pattern pattern = compile(regex ? text : Pattern.quote(text), flags | Pattern.MULTILINE, position);
        return CodeQuery.Content.of(text, regex, (flags & Pattern.CASE_INSENSITIVE) == 0, pattern);
    }

    private int caseFlags(String text) {
        boolean sensitive = switch (caseMode) {
            case YES -> true;
            case NO -> false;
            case AUTO -> text.chars().anyMatch(Character::isUpperCase);
        };
        return sensitive ? 0 : Pattern.CASE_INSENSITIVE;
    }

    private Pattern compile(String regex, int flags, int position) throws BadCodeQuery {
        try {
            return Pattern.compile(regex, flags);
        } catch (PatternSyntaxException e) {
            throw new BadCodeQuery("Not a regular expression this site reads (" + e.getDescription() + ")", position);
        }
    }

    private boolean peek(Kind kind) {
        return next < tokens.size() && tokens.get(next).kind() == kind;
    }
}
