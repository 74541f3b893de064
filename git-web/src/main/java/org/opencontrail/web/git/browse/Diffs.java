package org.opencontrail.web.git.browse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.util.RawParseUtils;
import org.opencontrail.web.git.location.GitLocation;

/**
 * Diffs between two trees, as files with hunks and lines: renames and copies found, binary files
 * told, and past a size (lines of one file, or of the whole diff) the lines left out unless asked for.
 */
final class Diffs {

    /** Lines of one file's diff shown unless asked for all. */
    static final int FILE_LINES = 2_000;
    /** Lines of a whole diff read (to count them) unless asked for all: past it, files are listed but not compared. */
    static final int READ_LINES = 200_000;
    /** Lines of a whole diff shown unless asked for all. */
    static final int TOTAL_LINES = 12_000;

    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@.*");

    /**
     * A diff.
     *
     * @param files   the files changed
     * @param added   lines added in all
     * @param deleted lines deleted in all
     * @param omitted whether lines of some files were left out for size
     */
    record Diff(List<FileDiff> files, int added, int deleted, boolean omitted) {}

    private Diffs() {}

    /** The diff from {@code from} (null: the empty tree) to {@code to}. */
    static Diff between(
            Repository repository, ObjectId from, ObjectId to, String project, String newRevision, boolean all)
            throws IOException {
        return between(repository, from, to, project, newRevision, all, READ_LINES, new byte[0]);
    }

    /** The same, of the files at or under {@code path} only (all files for an empty path). */
    static Diff between(
            Repository repository,
            ObjectId from,
            ObjectId to,
            String project,
            String newRevision,
            boolean all,
            byte[] path)
            throws IOException {
        return between(repository, from, to, project, newRevision, all, READ_LINES, path);
    }

    /** The same, reading at most {@code readLines} lines of diff unless asked for all. */
    static Diff between(
            Repository repository,
            ObjectId from,
            ObjectId to,
            String project,
            String newRevision,
            boolean all,
            int readLines,
            byte[] path)
            throws IOException {
        ByteArrayOutputStream patch = new ByteArrayOutputStream();
        try (ObjectReader reader = repository.newObjectReader();
                DiffFormatter formatter = new DiffFormatter(patch)) {
            formatter.setReader(reader, repository.getConfig()); // one reader for the scan and every file's patch
            formatter.setDetectRenames(true);
            formatter.setDiffComparator(RawTextComparator.DEFAULT);
            if (path.length > 0) {
                formatter.setPathFilter(new RawPathFilter(path));
            }
            List<DiffEntry> entries = formatter.scan(tree(reader, from), tree(reader, to));
            List<FileDiff> files = new ArrayList<>();
            int added = 0;
            int deleted = 0;
            int shown = 0;
            int read = 0;
            boolean omitted = false;
            for (int i = 0; i < entries.size(); i++) {
                DiffEntry entry = entries.get(i);
                if (!all && read > readLines) {
                    files.add(FileDiff.notCompared(entry, "f" + i, project, newRevision));
                    omitted = true;
                    continue;
                }
                patch.reset();
                formatter.format(entry);
                formatter.flush();
                FileDiff file = parse(
                        entry,
                        RawParseUtils.decode(patch.toByteArray()),
                        "f" + i,
                        all,
                        shown < TOTAL_LINES,
                        project,
                        newRevision);
                shown += file.hunks().stream().mapToInt(h -> h.lines().size()).sum();
                read += file.added() + file.deleted();
                omitted |= file.omitted();
                added += file.added();
                deleted += file.deleted();
                files.add(file);
            }
            return new Diff(files, added, deleted, omitted);
        }
    }

    private static AbstractTreeIterator tree(ObjectReader reader, ObjectId tree) throws IOException {
        return tree == null ? new EmptyTreeIterator() : new CanonicalTreeParser(null, reader, tree);
    }

    private static FileDiff parse(
            DiffEntry entry,
            String patch,
            String anchor,
            boolean all,
            boolean room,
            String project,
            String newRevision) {
        List<FileDiff.Hunk> hunks = new ArrayList<>();
        List<FileDiff.Line> lines = null;
        String header = null;
        boolean binary = false;
        int added = 0;
        int deleted = 0;
        int oldNo = 0;
        int newNo = 0;
        int count = 0;
        for (String line : patch.split("\n", -1)) {
            if (lines == null) {
                if (line.startsWith("Binary files")) {
                    binary = true;
                }
                if (!line.startsWith("@@")) {
                    continue;
                }
            }
            if (line.startsWith("@@")) {
                Matcher m = HUNK.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                if (lines != null) {
                    hunks.add(new FileDiff.Hunk(header, lines));
                }
                header = line;
                lines = new ArrayList<>();
                oldNo = Integer.parseInt(m.group(1));
                newNo = Integer.parseInt(m.group(2));
                continue;
            }
            if (line.isEmpty()) {
                continue; // the split's last piece
            }
            char kind = line.charAt(0);
            String text = line.substring(1);
            switch (kind) {
                case '+' -> {
                    lines.add(new FileDiff.Line('+', 0, newNo++, text));
                    added++;
                }
                case '-' -> {
                    lines.add(new FileDiff.Line('-', oldNo++, 0, text));
                    deleted++;
                }
                case '\\' -> lines.add(new FileDiff.Line('\\', 0, 0, text.strip()));
                default -> lines.add(new FileDiff.Line(' ', oldNo++, newNo++, text));
            }
            count++;
        }
        if (lines != null) {
            hunks.add(new FileDiff.Hunk(header, lines));
        }
        boolean omitted = !all && !binary && (!room || count > FILE_LINES) && !hunks.isEmpty();
        String oldPath = entry.getChangeType() == DiffEntry.ChangeType.ADD ? "" : entry.getOldPath();
        String newPath = entry.getChangeType() == DiffEntry.ChangeType.DELETE ? "" : entry.getNewPath();
        return new FileDiff(
                entry.getChangeType().name(),
                oldPath,
                newPath,
                anchor,
                entry.getScore(),
                binary,
                added,
                deleted,
                omitted ? List.of() : hunks,
                omitted,
                newPath.isEmpty()
                        ? ""
                        : GitLocation.path(project, newRevision, newPath).toUrl());
    }

    /** The side-by-side rows of a hunk: runs of deletions set against the additions that follow them. */
    static List<FileDiff.Row> rows(FileDiff.Hunk hunk) {
        List<FileDiff.Row> rows = new ArrayList<>();
        List<FileDiff.Line> lines = hunk.lines();
        int i = 0;
        while (i < lines.size()) {
            FileDiff.Line line = lines.get(i);
            if (line.kind() == '-' || line.kind() == '+') {
                List<FileDiff.Line> dels = new ArrayList<>();
                List<FileDiff.Line> adds = new ArrayList<>();
                while (i < lines.size() && lines.get(i).kind() == '-') {
                    dels.add(lines.get(i++));
                }
                while (i < lines.size() && lines.get(i).kind() == '+') {
                    adds.add(lines.get(i++));
                }
                for (int k = 0; k < Math.max(dels.size(), adds.size()); k++) {
                    rows.add(new FileDiff.Row(
                            k < dels.size() ? dels.get(k) : null, k < adds.size() ? adds.get(k) : null));
                }
            } else {
                rows.add(new FileDiff.Row(line, line.kind() == '\\' ? null : line));
                i++;
            }
        }
        return rows;
    }
}
