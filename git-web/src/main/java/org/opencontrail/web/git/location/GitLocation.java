package org.opencontrail.web.git.location;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/**
 * One address of the browser, as Gitiles has them: what it shows, of which project, at which
 * revision (and, for a range, from which), of which path. The same model parses every incoming
 * address ({@link Address#parse}, then {@link Address#view} against the repository) and builds
 * every link ({@link #toUrl}), so that every address the site writes is one it reads, and
 * Gerrit's gitiles links land here.
 *
 * <p>The grammar: {@code /PROJECT/} (summary), {@code /PROJECT/+/REV} (a commit),
 * {@code /PROJECT/+/REV/PATH} and {@code /+/REV/} (a file or folder), {@code +show/} (the same),
 * {@code +/A..B[/PATH]}, {@code +/REV^!/} and {@code +diff/...} (diffs), {@code +log[/[A..]REV[/PATH]]},
 * {@code +blame/REV/PATH}, {@code +refs}, {@code +archive/REV[/PATH].tar.gz} (or {@code .tgz},
 * {@code .zip}), {@code +describe/REV}, {@code +doc/REV/PATH.md}; and ours: {@code +raw/REV/PATH},
 * {@code +atom/BRANCH}, {@code +ci/ID}, {@code +lastchanges/REV[/PATH]}. A project's address
 * with anything else after it is cgit's, and redirects.
 *
 * @param kind        what the address shows
 * @param project     the project's name
 * @param revision    the revision shown (null for the summary, refs and cgit's addresses)
 * @param oldRevision where a range starts, or a commit's first parent for {@code REV^!} (null when none)
 * @param path        the path, as git stores it (not necessarily UTF-8); empty for none
 * @param extension   an archive's format ({@link #TAR_GZ} or {@link #ZIP}), empty otherwise
 * @param parentOnly  whether it is a commit against its first parent, written {@code REV^!}, rather than a range
 */
@SuppressWarnings("ArrayRecordComponent") // the path's bytes as git stores them; views are never compared
public record GitLocation(
        Kind kind,
        String project,
        Revision revision,
        Revision oldRevision,
        byte[] path,
        String extension,
        boolean parentOnly) {

    /** A view that is not a commit against its first parent. */
    public GitLocation(
            Kind kind, String project, Revision revision, Revision oldRevision, byte[] path, String extension) {
        this(kind, project, revision, oldRevision, path, extension, false);
    }

    /** What an address shows. */
    public enum Kind {
        SUMMARY,
        CGIT,
        REVISION,
        PATH,
        DIFF,
        LOG,
        BLAME,
        RAW,
        REFS,
        ARCHIVE,
        DESCRIBE,
        DOC,
        ATOM,
        CI,
        LAST_CHANGES
    }

    /** The archive formats: a gzipped tar and a zip. */
    public static final String TAR_GZ = "tar.gz";

    public static final String ZIP = "zip";

    private static final byte[] NO_PATH = new byte[0];

    public static GitLocation summary(String project) {
        return new GitLocation(Kind.SUMMARY, project, null, null, NO_PATH, "");
    }

    /** A commit. */
    public static GitLocation revision(String project, String revision) {
        return new GitLocation(Kind.REVISION, project, Revision.named(revision), null, NO_PATH, "");
    }

    /** A file or folder at a revision; the root folder for an empty path. */
    public static GitLocation path(String project, String revision, byte[] path) {
        return new GitLocation(Kind.PATH, project, Revision.named(revision), null, path, "");
    }

    public static GitLocation path(String project, String revision, String path) {
        return path(project, revision, path.getBytes(StandardCharsets.UTF_8));
    }

    /** The root folder at a revision: Gitiles' {@code /+/REV/} (the trailing slash tells a folder from a commit). */
    public static GitLocation tree(String project, String revision) {
        return path(project, revision, NO_PATH);
    }

    /** A commit's diff against its first parent: {@code REV^!}. */
    public static GitLocation diff(String project, String revision) {
        return new GitLocation(
                Kind.DIFF, project, Revision.named(revision), Revision.named(revision + "^"), NO_PATH, "", true);
    }

    /** What changed from one revision to another: {@code A..B}. */
    public static GitLocation diff(String project, String from, String to) {
        return new GitLocation(Kind.DIFF, project, Revision.named(to), Revision.named(from), NO_PATH, "");
    }

    public static GitLocation log(String project, String revision) {
        return log(project, revision, NO_PATH);
    }

    public static GitLocation log(String project, String revision, byte[] path) {
        return new GitLocation(Kind.LOG, project, Revision.named(revision), null, path, "");
    }

    public static GitLocation blame(String project, String revision, byte[] path) {
        return new GitLocation(Kind.BLAME, project, Revision.named(revision), null, path, "");
    }

    /** The bytes of a file as stored, with a guessed content type (ours; Gitiles has {@code ?format=TEXT}). */
    public static GitLocation raw(String project, String revision, byte[] path) {
        return new GitLocation(Kind.RAW, project, Revision.named(revision), null, path, "");
    }

    public static GitLocation refs(String project) {
        return new GitLocation(Kind.REFS, project, null, null, NO_PATH, "");
    }

    /** An archive of a revision, of one folder when a path is given, as {@link #TAR_GZ} or {@link #ZIP}. */
    public static GitLocation archive(String project, String revision, byte[] path, String format) {
        return new GitLocation(Kind.ARCHIVE, project, Revision.named(revision), null, path, format);
    }

    /** A revision named after the nearest tag, as {@code git describe} names it. */
    public static GitLocation describe(String project, String revision) {
        return new GitLocation(Kind.DESCRIBE, project, Revision.named(revision), null, NO_PATH, "");
    }

    /** A Markdown file rendered as a page. */
    public static GitLocation doc(String project, String revision, byte[] path) {
        return new GitLocation(Kind.DOC, project, Revision.named(revision), null, path, "");
    }

    /** The Atom feed of a branch. */
    public static GitLocation atom(String project, String branch) {
        return new GitLocation(Kind.ATOM, project, Revision.named(branch), null, NO_PATH, "");
    }

    /** A commit's review, gate run and post jobs. */
    public static GitLocation ci(String project, String commit) {
        return new GitLocation(Kind.CI, project, Revision.named(commit), null, NO_PATH, "");
    }

    /** The last commit of each entry of a folder, as JSON. */
    public static GitLocation lastChanges(String project, String revision, byte[] path) {
        return new GitLocation(Kind.LAST_CHANGES, project, Revision.named(revision), null, path, "");
    }

    /** Whether this is a commit against its first parent ({@code REV^!}) rather than a range. */
    public boolean firstParent() {
        return parentOnly;
    }

    public String pathText() {
        return new String(path, StandardCharsets.UTF_8);
    }

    /** The address, each segment percent-encoded; paths from their bytes, so that any file name has one. */
    public String toUrl() {
        String base = "/" + encode(project) + "/";
        return switch (kind) {
            case SUMMARY -> base;
            case CGIT -> base + encode(path);
            case REVISION -> base + "+/" + name(revision);
            case PATH -> base + "+/" + name(revision) + "/" + encode(path);
            case DIFF -> base + "+/" + range() + "/" + encode(path);
            case LOG -> base + "+log" + (revision == null ? "" : "/" + range() + pathPart());
            case BLAME -> base + "+blame/" + name(revision) + pathPart();
            case RAW -> base + "+raw/" + name(revision) + pathPart();
            case REFS -> base + "+refs";
            case ARCHIVE -> base + "+archive/" + name(revision) + pathPart() + "." + extension;
            case DESCRIBE -> base + "+describe/" + name(revision);
            case DOC -> base + "+doc/" + name(revision) + pathPart();
            case ATOM -> base + "+atom/" + name(revision);
            case CI -> base + "+ci/" + name(revision);
            case LAST_CHANGES -> base + "+lastchanges/" + name(revision) + pathPart();
        };
    }

    private String range() {
        if (oldRevision == null) {
            return name(revision);
        }
        return firstParent() ? name(revision) + "%5E!" : name(oldRevision) + ".." + name(revision);
    }

    private String pathPart() {
        return path.length == 0 ? "" : "/" + encode(path);
    }

    private static String name(Revision revision) {
        return encode(revision.name());
    }

    @Override
    public String toString() {
        return toUrl();
    }

    /** A slash-separated name, each segment percent-encoded. */
    public static String encode(String name) {
        return encode(name.getBytes(StandardCharsets.UTF_8));
    }

    /** Percent-encodes bytes, keeping slashes and the characters safe in a path. */
    public static String encode(byte[] path) {
        StringBuilder out = new StringBuilder(path.length + 16);
        for (byte b : path) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '/'
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == '@'
                    || c == ':'
                    || c == ','
                    || c == '='
                    || c == '!'
                    || c == '$'
                    || c == '*'
                    || c == '('
                    || c == ')') {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Decodes percent escapes of a raw URL path into the bytes they stand for (a bad escape is kept as written). */
    static byte[] decode(String rawPath) {
        byte[] in = rawPath.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            int h;
            int l;
            if (in[i] == '%'
                    && i + 2 < in.length
                    && (h = Character.digit(in[i + 1], 16)) >= 0
                    && (l = Character.digit(in[i + 2], 16)) >= 0) {
                out.write(h << 4 | l);
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toByteArray();
    }

    /**
     * An address taken apart before any repository is read: the project, the command ({@code +},
     * {@code +log}...; empty when there is none, as in cgit's addresses) and the segments after it,
     * as bytes (file names need not be UTF-8).
     *
     * @param project       the project's name
     * @param command       the command, empty when there is none
     * @param rest          the segments after the project (and the command), decoded to bytes
     * @param trailingSlash whether the address ended with a slash
     */
    public record Address(String project, String command, List<byte[]> rest, boolean trailingSlash) {

        /**
         * Parses a raw (still percent-encoded) path. With a command the project is what comes before
         * it; without one, the longest leading run of segments that names a known project. Empty
         * segments are skipped, so leading slashes collapse as Gitiles collapses them.
         */
        public static Optional<Address> parse(String rawPath, Predicate<String> isProject) {
            boolean trailingSlash = rawPath.endsWith("/");
            List<byte[]> segments = new ArrayList<>();
            for (String segment : rawPath.split("/")) {
                if (!segment.isEmpty()) {
                    segments.add(decode(segment));
                }
            }
            for (int i = 0; i < segments.size(); i++) {
                byte[] segment = segments.get(i);
                if (segment.length > 0 && segment[0] == '+') {
                    if (i == 0) {
                        return Optional.empty();
                    }
                    return Optional.of(new Address(
                            join(segments.subList(0, i)),
                            new String(segment, StandardCharsets.UTF_8),
                            List.copyOf(segments.subList(i + 1, segments.size())),
                            trailingSlash));
                }
            }
            for (int i = segments.size(); i > 0; i--) {
                String candidate = join(segments.subList(0, i));
                if (isProject.test(candidate)) {
                    return Optional.of(new Address(
                            candidate, "", List.copyOf(segments.subList(i, segments.size())), trailingSlash));
                }
            }
            return Optional.empty();
        }

        /** The view this address names in the repository; empty when it names none (no such command or revision). */
        public Optional<GitLocation> view(Repository repository) throws IOException {
            return switch (command) {
                case "" ->
                    Optional.of(
                            rest.isEmpty()
                                    ? summary(project)
                                    : new GitLocation(Kind.CGIT, project, null, null, restBytes(0), ""));
                case "+", "+show" -> show(repository);
                case "+diff" -> diff(repository);
                case "+log" -> log(repository);
                case "+blame" -> plain(repository, Kind.BLAME).filter(view -> view.path().length > 0);
                case "+raw" -> plain(repository, Kind.RAW).filter(view -> view.path().length > 0);
                case "+doc" -> plain(repository, Kind.DOC).filter(view -> view.path().length > 0);
                case "+lastchanges" -> plain(repository, Kind.LAST_CHANGES);
                case "+refs" -> Optional.of(refs(project));
                case "+archive" -> archive(repository);
                case "+describe" -> one(repository, Kind.DESCRIBE, restText(0));
                case "+ci" -> one(repository, Kind.CI, restText(0));
                case "+atom" -> one(repository, Kind.ATOM, rest.isEmpty() ? defaultBranch(repository) : restText(0));
                default -> Optional.empty();
            };
        }

        /** {@code +/}: a commit, a file or folder, or (with a range or {@code ^!}) a diff; the bare command is the summary's. */
        private Optional<GitLocation> show(Repository repository) throws IOException {
            if (rest.isEmpty()) {
                return Optional.of(summary(project));
            }
            Optional<Revisions.Range> found = Revisions.findRange(repository, rest);
            if (found.isEmpty() || (found.get().old() != null && command.equals("+show"))) {
                return Optional.empty();
            }
            Revisions.Range range = found.get();
            byte[] path = restBytes(range.pathFrom());
            if (range.old() != null) {
                return Optional.of(new GitLocation(
                        Kind.DIFF, project, range.revision(), range.old(), path, "", range.parentOnly()));
            }
            boolean commit = range.pathFrom() == rest.size() && !trailingSlash;
            return Optional.of(
                    new GitLocation(commit ? Kind.REVISION : Kind.PATH, project, range.revision(), null, path, ""));
        }

        /** {@code +diff/}: a range or {@code REV^!}, and a revision alone is its diff against its first parent. */
        private Optional<GitLocation> diff(Repository repository) throws IOException {
            Optional<Revisions.Range> found = Revisions.findRange(repository, rest);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Revisions.Range range = found.get();
            Revision old = range.old() != null ? range.old() : Revisions.firstParent(repository, range.revision());
            return Optional.of(new GitLocation(
                    Kind.DIFF,
                    project,
                    range.revision(),
                    old,
                    restBytes(range.pathFrom()),
                    "",
                    range.old() == null || range.parentOnly()));
        }

        private Optional<GitLocation> log(Repository repository) throws IOException {
            if (rest.isEmpty()) {
                return one(repository, Kind.LOG, defaultBranch(repository));
            }
            return Revisions.findRange(repository, rest)
                    .map(range -> new GitLocation(
                            Kind.LOG,
                            project,
                            range.revision(),
                            range.old(),
                            restBytes(range.pathFrom()),
                            "",
                            range.parentOnly()));
        }

        /** A revision and a path after it, no range. */
        private Optional<GitLocation> plain(Repository repository, Kind kind) throws IOException {
            return Revisions.find(repository, rest)
                    .map(found ->
                            new GitLocation(kind, project, found.revision(), null, restBytes(found.pathFrom()), ""));
        }

        private Optional<GitLocation> one(Repository repository, Kind kind, String name) throws IOException {
            return Revisions.resolve(repository, name)
                    .map(revision -> new GitLocation(kind, project, revision, null, NO_PATH, ""));
        }

        /**
         * Gitiles' {@code REV[/PATH].tar.gz}, and the {@code REV.tar.gz[/PATH]} links of earlier
         * versions of this site.
         */
        private Optional<GitLocation> archive(Repository repository) throws IOException {
            String text = restText(0);
            for (String extension : List.of(TAR_GZ, "tgz", ZIP)) {
                String format = extension.equals("tgz") ? TAR_GZ : extension;
                String suffix = "." + extension;
                if (text.endsWith(suffix) && !text.endsWith("/" + suffix)) {
                    List<byte[]> named = new ArrayList<>(rest);
                    byte[] last = named.get(named.size() - 1);
                    named.set(named.size() - 1, Arrays.copyOf(last, last.length - suffix.length()));
                    Optional<Revisions.Found> found = Revisions.find(repository, named);
                    if (found.isPresent()) {
                        return Optional.of(new GitLocation(
                                Kind.ARCHIVE,
                                project,
                                found.get().revision(),
                                null,
                                joinBytes(named, found.get().pathFrom()),
                                format));
                    }
                }
                int at = text.indexOf(suffix + "/");
                if (at > 0) {
                    Optional<Revision> revision = Revisions.resolve(repository, text.substring(0, at));
                    String path = text.substring(at + suffix.length() + 1);
                    if (revision.isPresent()) {
                        return Optional.of(new GitLocation(
                                Kind.ARCHIVE,
                                project,
                                revision.get(),
                                null,
                                (path.endsWith("/") ? path.substring(0, path.length() - 1) : path)
                                        .getBytes(StandardCharsets.UTF_8),
                                format));
                    }
                }
            }
            return Optional.empty();
        }

        private static String defaultBranch(Repository repository) throws IOException {
            return Revisions.defaultBranch(repository).orElse(Constants.HEAD);
        }

        /** The segments from {@code from} on, joined by slashes, as bytes. */
        public byte[] restBytes(int from) {
            return joinBytes(rest, from);
        }

        public String restText(int from) {
            return new String(restBytes(from), StandardCharsets.UTF_8);
        }

        private static byte[] joinBytes(List<byte[]> segments, int from) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = from; i < segments.size(); i++) {
                if (i > from) {
                    out.write('/');
                }
                out.writeBytes(segments.get(i));
            }
            return out.toByteArray();
        }

        private static String join(List<byte[]> segments) {
            return new String(joinBytes(segments, 0), StandardCharsets.UTF_8);
        }
    }
}
