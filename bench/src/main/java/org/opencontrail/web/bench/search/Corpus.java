package org.opencontrail.web.bench.search;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A big log tree made of the real fixture logs: builds in the logs.openstack.org layout, each with
 * the fixtures under their own names, every hex id and long number in them replaced by a random
 * one of the same length (so builds differ as real runs do and the text does not compress to
 * nothing), and the days of their timestamps moved to the build's day.
 */
public final class Corpus {

    record Written(int builds, int files, long bytes) {}

    private Corpus() {}

    /** The text fixtures (not the attributions, the ground truth or the tiny edge cases), largest first. */
    static List<Path> fixtures(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().endsWith(".md") && !p.toString().endsWith(".yaml"))
                    .filter(p -> p.toFile().length() > 2000)
                    .sorted()
                    .toList();
        }
    }

    static Written write(Path fixtures, Path corpus, long target, List<String> jobs, Random random) throws IOException {
        List<Path> sources = fixtures(fixtures);
        List<String[]> texts = new ArrayList<>();
        for (Path source : sources) {
            String name = source.getFileName().toString().replaceFirst("\\.gz$", "");
            name = name.endsWith(".fail") || name.endsWith(".good") ? "job-output.txt" : name;
            texts.add(new String[] {name, new String(SearchBench.read(source), StandardCharsets.UTF_8)});
        }
        long bytes = 0;
        int builds = 0;
        int files = 0;
        while (bytes < target) {
            builds++;
            int change = 40000 + builds;
            String job = jobs.get(builds % jobs.size());
            String uuid = hex(random, 32);
            String root = String.format("%02d/%d/1/check/%s/%s/", change % 100, change, job, uuid.substring(0, 7));
            int day = 1 + builds % 28;
            java.util.Set<String> names = new java.util.HashSet<>();
            for (String[] text : texts) {
                String name = text[0];
                String path = name.equals("job-output.txt") ? "job-output.txt" : "logs/" + name;
                if (!names.add(path)) {
                    path = "logs/" + files + "-" + name;
                }
                Path file = corpus.resolve(root + path);
                Files.createDirectories(file.getParent());
                try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    String varied = vary(text[1], random, day);
                    out.write(varied);
                    bytes += varied.getBytes(StandardCharsets.UTF_8).length;
                }
                files++;
                if (bytes >= target) {
                    break;
                }
            }
        }
        return new Written(builds, files, bytes);
    }

    /** The text with hex ids and long numbers random, and ISO days set to {@code day}. */
    static String vary(String text, Random random, int day) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (isHex(c)) {
                int start = i;
                int digits = 0;
                while (i < n && isHex(text.charAt(i))) {
                    digits += Character.isDigit(text.charAt(i)) ? 1 : 0;
                    i++;
                }
                int length = i - start;
                boolean word = (start > 0 && Character.isLetter(text.charAt(start - 1)))
                        || (i < n && Character.isLetter(text.charAt(i)));
                if (digits > 0 && length >= 6 && !word) {
                    out.append(digits == length ? digits(random, length) : hex(random, length));
                } else {
                    out.append(text, start, i);
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString().replaceAll("(?m)^(\\d{4}-\\d\\d-)\\d\\d", "$1" + String.format("%02d", day));
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    static String hex(Random random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(Character.forDigit(random.nextInt(16), 16));
        }
        return s.toString();
    }

    private static String digits(Random random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }

    /** Phrases of three to five words from random fixture lines: what people paste into a search. */
    public static List<String> phrases(Path fixtures, int count, Random random) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path source : fixtures(fixtures)) {
            new String(SearchBench.read(source), StandardCharsets.UTF_8).lines().forEach(lines::add);
        }
        List<String> phrases = new ArrayList<>();
        while (phrases.size() < count) {
            String line = lines.get(random.nextInt(lines.size()));
            String[] words = line.replaceAll("[^A-Za-z ]", " ").trim().split("\\s+");
            List<String> kept = new ArrayList<>();
            for (String word : words) {
                if (word.length() >= 3) {
                    kept.add(word);
                }
            }
            if (kept.size() >= 5) {
                int start = random.nextInt(kept.size() - 3);
                int length = 3 + random.nextInt(Math.min(3, kept.size() - start - 2));
                String phrase = String.join(" ", kept.subList(start, Math.min(kept.size(), start + length)));
                if (line.contains(phrase)) {
                    phrases.add(phrase);
                }
            }
        }
        return phrases;
    }
}
