package org.opencontrail.web.bench.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the pages of the benchmark show, found in any repository the way the anchor's figures
 * were taken: a commit of about 27 files, a folder of about 140 entries, a source file of about
 * 1,218 lines (its highlighted page, blame, history and bytes), and sets of distinct pages of each
 * kind for first views.
 *
 * @param branch    the default branch
 * @param commit    a commit of about 27 files
 * @param folder    a folder of about 140 entries
 * @param file      a source file of about 1,218 lines
 * @param commits   the newest other commits, for first views
 * @param olderCommits commits spread over the last 4,000, for first views
 * @param files     other source files, for first views
 * @param folders   other folders, for first views
 */
record Targets(
        String branch,
        String commit,
        String folder,
        String file,
        List<String> commits,
        List<String> olderCommits,
        List<String> files,
        List<String> folders) {

    static Targets find(Path repository) throws IOException, InterruptedException {
        String branch = git(repository, "symbolic-ref", "--short", "HEAD").strip();
        List<String[]> commits = new ArrayList<>(); // id, files
        String id = null;
        int count = 0;
        for (String line : git(
                        repository,
                        "log",
                        "--first-parent",
                        "--no-merges",
                        "-n",
                        "4000",
                        "--format=@%H",
                        "--name-only",
                        branch)
                .split("\n")) {
            if (line.startsWith("@")) {
                if (id != null) {
                    commits.add(new String[] {id, String.valueOf(count)});
                }
                id = line.substring(1);
                count = 0;
            } else if (!line.isBlank()) {
                count++;
            }
        }
        if (id != null) {
            commits.add(new String[] {id, String.valueOf(count)});
        }
        String wide = commits.stream()
                .min(Comparator.comparingInt(c -> Math.abs(Integer.parseInt(c[1]) - 27)))
                .orElseThrow()[0];
        List<String> others = commits.stream()
                .map(c -> c[0])
                .filter(c -> !c.equals(wide))
                .limit(40)
                .toList();
        int step = Math.max(1, commits.size() / 40);
        List<String> older = java.util.stream.IntStream.range(0, commits.size())
                .filter(i -> i % step == step - 1)
                .mapToObj(i -> commits.get(i)[0])
                .filter(c -> !c.equals(wide) && !others.contains(c))
                .limit(40)
                .toList();

        Map<String, Integer> children = new HashMap<>();
        Map<String, Long> sizes = new HashMap<>();
        for (String line :
                git(repository, "ls-tree", "-r", "-t", "-l", "-z", branch).split("\0")) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            String path = line.substring(tab + 1);
            String[] meta = line.substring(0, tab).trim().split("\\s+");
            int slash = path.lastIndexOf('/');
            children.merge(slash < 0 ? "" : path.substring(0, slash), 1, Integer::sum);
            if (meta[1].equals("blob") && path.matches("[A-Za-z0-9_./-]+\\.(cc|c|h|cpp|py|go|java|js)$")) {
                sizes.put(path, Long.parseLong(meta[3]));
            }
        }
        String folder = children.entrySet().stream()
                .filter(e -> !e.getKey().isEmpty())
                .min(Comparator.comparingInt(e -> Math.abs(e.getValue() - 140)))
                .orElseThrow()
                .getKey();
        List<String> folders = children.keySet().stream()
                .filter(f -> !f.isEmpty() && !f.equals(folder) && f.matches("[A-Za-z0-9_./-]+"))
                .sorted()
                .limit(40)
                .toList();
        // about 35 bytes a line: the files near 1,218 lines are counted exactly
        List<String> candidates = sizes.entrySet().stream()
                .sorted(Comparator.comparingLong(e -> Math.abs(e.getValue() - 1_218L * 35)))
                .limit(40)
                .map(Map.Entry::getKey)
                .toList();
        String file = candidates.get(0);
        int best = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int lines =
                    git(repository, "cat-file", "-p", branch + ":" + candidate).split("\n", -1).length - 1;
            if (Math.abs(lines - 1_218) < best) {
                best = Math.abs(lines - 1_218);
                file = candidate;
            }
        }
        String chosen = file;
        List<String> files = sizes.keySet().stream()
                .filter(f -> !f.equals(chosen))
                .sorted()
                .limit(40)
                .toList();
        return new Targets(branch, wide, folder, file, others, older, files, folders);
    }

    static String git(Path repository, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "--git-dir", repository.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed");
        }
        return out;
    }
}
