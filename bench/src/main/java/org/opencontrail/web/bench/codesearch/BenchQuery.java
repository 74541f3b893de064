package org.opencontrail.web.bench.codesearch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * The benchmark's queries, drawn from the code itself: 100 literal (common words, rare words,
 * short patterns, patterns that match nearly every line) and 50 regular expressions (half that a
 * trigram index can narrow, half it cannot). Only what RE2, Go's regexp (csearch) and PCRE (git
 * grep -P) read alike.
 *
 * @param text  the pattern
 * @param regex whether it is a regular expression
 * @param kind  common, rare, short, everywhere, narrowed, unnarrowed
 */
record BenchQuery(String text, boolean regex, String kind) {

    private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]{3,}");
    private static final List<String> SHORT =
            List.of("if", "->", "++", "==", "::", "//", "int", "0x", "&&", "!=", "()", "{}", "[i]", "#i", "*/");
    private static final List<String> EVERYWHERE =
            List.of("e", "t", "a", "o", "n", ";", " ", "r", "i", "s", "(", ")", "_", ",", "=");
    private static final List<String> UNNARROWED = List.of(
            "\\w+_\\d+",
            "[A-Z]{4,}",
            "\\d{3,}",
            "^\\s*#",
            "\\(\\s*\\)",
            "[a-z]+[A-Z][a-z]+",
            "^\\s*$",
            "\\s+$",
            "[0-9a-f]{8}",
            "\\w+\\.\\w+\\(",
            "^.{100,}$",
            "[<>]=",
            "\\b[A-Z]\\w*\\b",
            "\\d+\\.\\d+",
            "\\[\\d+\\]",
            "[!=]=\\s*\\d",
            "^\\s{8}\\S",
            "\\w+::\\w+",
            "\\*\\w+",
            "\\b\\w{12,}\\b",
            "[A-Z][a-z]+[A-Z]",
            "\\w+\\s*=\\s*\\w+;",
            "\\t",
            "[{}]\\s*$",
            "^[A-Za-z]");

    /** The queries for the text files under {@code trees}, the same for the same files and seed. */
    static List<BenchQuery> of(Path trees, long seed) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        try (Stream<Path> files = Files.walk(trees)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (bytes.length > 1 << 20 || binary(bytes)) {
                    continue;
                }
                Matcher words = WORD.matcher(new String(bytes, StandardCharsets.UTF_8));
                while (words.find()) {
                    counts.merge(words.group(), 1, Integer::sum);
                }
            }
        }
        List<String> byCount = new ArrayList<>(counts.keySet());
        byCount.sort(Comparator.comparing((String w) -> -counts.get(w)).thenComparing(w -> w));
        List<String> rare =
                new ArrayList<>(byCount.stream().filter(w -> counts.get(w) <= 2).toList());
        Random random = new Random(seed);
        java.util.Collections.shuffle(rare, random);
        List<BenchQuery> queries = new ArrayList<>();
        byCount.stream().limit(35).forEach(w -> queries.add(new BenchQuery(w, false, "common")));
        rare.stream().limit(35).forEach(w -> queries.add(new BenchQuery(w, false, "rare")));
        SHORT.forEach(s -> queries.add(new BenchQuery(s, false, "short")));
        EVERYWHERE.forEach(s -> queries.add(new BenchQuery(s, false, "everywhere")));
        List<String> middling = byCount.subList(Math.min(byCount.size(), 35), Math.min(byCount.size(), 400));
        for (int i = 0; i < 25 && !middling.isEmpty(); i++) {
            String a = middling.get(random.nextInt(middling.size()));
            String b = middling.get(random.nextInt(middling.size()));
            String regex = switch (i % 5) {
                case 0 -> a + "\\w*\\(";
                case 1 -> "(" + a + "|" + b + ")";
                case 2 -> a.substring(0, Math.min(a.length(), 5)) + "\\w+";
                case 3 -> a + "\\s*=";
                default -> "\\b" + a + "\\b";
            };
            queries.add(new BenchQuery(regex, true, "narrowed"));
        }
        UNNARROWED.forEach(r -> queries.add(new BenchQuery(r, true, "unnarrowed")));
        return queries;
    }

    static boolean binary(byte[] bytes) {
        for (int i = 0, end = Math.min(bytes.length, 8000); i < end; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** The query in the site's syntax, case counting as it does for git grep and csearch. */
    String siteQuery() {
        String quoted = text.replace("\\", "\\\\").replace("\"", "\\\"");
        return regex ? "case:yes /" + text.replace("/", "\\/") + "/" : "case:yes \"" + quoted + "\"";
    }

    /** The query as a regular expression for csearch (Go's syntax). */
    String csearchPattern() {
        if (regex) {
            return text;
        }
        StringBuilder quoted = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.toString();
    }
}
