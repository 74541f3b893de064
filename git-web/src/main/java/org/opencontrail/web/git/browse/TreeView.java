package org.opencontrail.web.git.browse;

import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.util.RawParseUtils;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.location.Revision;
import org.opencontrail.web.git.mirror.Mirror;

/**
 * What a revision holds at a path: a folder's entries (with its README rendered below), or a
 * file's text with numbered, linkable lines (Markdown rendered, images shown, binaries and very
 * large files offered raw).
 */
@Singleton
final class TreeView {

    /** Largest file shown inline; larger ones are offered raw. */
    static final int MOST_INLINE = 4 * 1024 * 1024;

    private static final List<String> READMES =
            List.of("README.md", "readme.md", "README.markdown", "README", "README.txt", "README.rst");
    private static final List<String> IMAGES = List.of(".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico");

    /**
     * A link in a path's breadcrumbs.
     *
     * @param name the folder or file name
     * @param url  its page
     */
    record Crumb(String name, String url) {}

    /**
     * An entry of a folder.
     *
     * @param name  its name
     * @param type  tree, blob, symlink or submodule
     * @param mode  its mode in octal
     * @param size  its size in bytes (files only, else -1)
     * @param url   its page
     */
    record Entry(String name, String type, String mode, long size, String url) {

        /** Its size as the listing shows it: empty for folders and submodules. */
        public String sizeText() {
            return size < 0 ? "" : Long.toString(size);
        }
    }

    /**
     * A folder's page.
     *
     * @param revision the revision as named
     * @param commit   the commit's id
     * @param path     the folder's path (empty at the root)
     * @param crumbs   the path as links
     * @param entries  folders first, then files, by name
     * @param readme   its README as HTML, empty when it has none
     * @param readmeName the README's name
     * @param logUrl   the folder's history
     * @param tarUrl   an archive of the folder
     * @param zipUrl   the same as zip
     * @param commitUrl the commit's page
     * @param permalink this folder at the commit's id
     * @param lastChangesUrl the last commit of each entry, as JSON (filled in by the page's script)
     */
    record Folder(
            String revision,
            String commit,
            String path,
            List<Crumb> crumbs,
            List<Entry> entries,
            String readme,
            String readmeName,
            String logUrl,
            String tarUrl,
            String zipUrl,
            String commitUrl,
            String permalink,
            String lastChangesUrl)
            implements Shown {}

    /**
     * A file's page.
     *
     * @param revision the revision as named
     * @param commit   the commit's id
     * @param path     its path
     * @param crumbs   the path as links
     * @param size     its size in bytes
     * @param mode     executable, symlink or regular
     * @param binary   whether it is binary
     * @param image    whether it is an image shown as such
     * @param tooLarge whether it is too large to show inline
     * @param language its highlighting language, empty for none
     * @param lines    its lines (empty when binary or too large)
     * @param markdown the file rendered, for Markdown files
     * @param rawUrl   its bytes
     * @param blameUrl its blame
     * @param logUrl   its history
     * @param commitUrl the commit's page
     * @param permalink this file at the commit's id
     */
    record File(
            String revision,
            String commit,
            String path,
            List<Crumb> crumbs,
            long size,
            String mode,
            boolean binary,
            boolean image,
            boolean tooLarge,
            String language,
            List<String> lines,
            String markdown,
            String rawUrl,
            String blameUrl,
            String logUrl,
            String commitUrl,
            String permalink)
            implements Shown {

        /** Its lines with their numbers, each linkable. */
        public List<NumberedLine> numberedLines() {
            List<NumberedLine> numbered = new ArrayList<>(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                numbered.add(new NumberedLine(i + 1, lines.get(i)));
            }
            return numbered;
        }
    }

    /**
     * A line of a file as the page shows it.
     *
     * @param number its number, from 1
     * @param text   the line
     */
    record NumberedLine(int number, String text) {

        /** Its element's id, which links to the line name. */
        public String id() {
            return LineAnchors.id(number);
        }

        /** A link to the line on the page. */
        public String anchorUrl() {
            return LineAnchors.href(number);
        }
    }

    /** What a path shows: a folder or a file. */
    sealed interface Shown permits Folder, File {}

    private final Markdown markdown;

    TreeView(Markdown markdown) {
        this.markdown = markdown;
    }

    /** A folder or a file at a revision; empty when the path is not there. */
    Optional<Shown> show(Mirror mirror, Revision revision, byte[] path) throws IOException {
        Repository repository = mirror.repository();
        try (ObjectReader reader = repository.newObjectReader();
                org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(reader)) {
            ObjectId tree = walk.parseCommit(revision.commit()).getTree();
            Optional<TreePaths.Found> found = TreePaths.find(reader, tree, path);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            if (found.get().tree()) {
                return Optional.of(
                        folder(mirror, reader, revision, path, found.get().id()));
            }
            if (found.get().mode() == FileMode.GITLINK) {
                return Optional.empty();
            }
            return Optional.of(file(mirror, reader, revision, path, found.get()));
        }
    }

    static List<Crumb> crumbs(String project, String revision, byte[] path) {
        List<Crumb> crumbs = new ArrayList<>();
        crumbs.add(new Crumb(project, GitLocation.tree(project, revision).toUrl()));
        int start = 0;
        for (int i = 0; i <= path.length; i++) {
            if (i == path.length || path[i] == '/') {
                if (i > start) {
                    crumbs.add(new Crumb(
                            RawParseUtils.decode(Arrays.copyOfRange(path, start, i)),
                            GitLocation.path(project, revision, Arrays.copyOfRange(path, 0, i))
                                    .toUrl()));
                }
                start = i + 1;
            }
        }
        return crumbs;
    }

    private Folder folder(Mirror mirror, ObjectReader reader, Revision revision, byte[] path, ObjectId tree)
            throws IOException {
        String project = mirror.name();
        List<Entry> folders = new ArrayList<>();
        List<Entry> files = new ArrayList<>();
        byte[] readme = null;
        String readmeName = "";
        CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, tree);
        while (!parser.eof()) {
            byte[] name = new byte[parser.getNameLength()];
            parser.getName(name, 0);
            byte[] child = path.length == 0 ? name : join(path, name);
            FileMode mode = parser.getEntryFileMode();
            String text = RawParseUtils.decode(name);
            int type = mode.getBits() & FileMode.TYPE_MASK;
            if (type == FileMode.TYPE_TREE) {
                folders.add(new Entry(text, "tree", mode.toString(), -1, folderUrl(project, revision.name(), child)));
            } else if (type == FileMode.TYPE_GITLINK) {
                files.add(new Entry(text, "submodule", mode.toString(), -1, ""));
            } else {
                long size = reader.getObjectSize(parser.getEntryObjectId(), Constants.OBJ_BLOB);
                files.add(new Entry(
                        text,
                        type == FileMode.TYPE_SYMLINK ? "symlink" : "blob",
                        mode.toString(),
                        size,
                        GitLocation.path(project, revision.name(), child).toUrl()));
                if (readme == null && READMES.contains(text) && size <= Markdown.MOST) {
                    readme = reader.open(parser.getEntryObjectId(), Constants.OBJ_BLOB)
                            .getBytes();
                    readmeName = text;
                }
            }
            parser.next();
        }
        List<Entry> entries = new ArrayList<>(folders);
        entries.addAll(files);
        String rendered = "";
        if (readme != null && !RawText.isBinary(readme)) {
            String text = RawParseUtils.decode(readme);
            rendered = readmeName.toLowerCase(Locale.ROOT).endsWith(".md")
                            || readmeName.toLowerCase(Locale.ROOT).endsWith(".markdown")
                    ? renderMarkdown(project, revision.name(), path, text)
                    : "<pre>" + org.unbescape.html.HtmlEscape.escapeHtml5(text) + "</pre>";
        }
        String pathText = RawParseUtils.decode(path);
        return new Folder(
                revision.name(),
                revision.commit().name(),
                pathText,
                crumbs(project, revision.name(), path),
                entries,
                rendered,
                readmeName,
                GitLocation.log(project, revision.name(), path).toUrl(),
                GitLocation.archive(project, revision.name(), path, GitLocation.TAR_GZ)
                        .toUrl(),
                GitLocation.archive(project, revision.name(), path, GitLocation.ZIP)
                        .toUrl(),
                GitLocation.revision(project, revision.commit().name()).toUrl(),
                folderUrl(project, revision.commit().name(), path),
                GitLocation.lastChanges(project, revision.commit().name(), path).toUrl());
    }

    /** A folder's address: with the trailing slash that tells it from a file, which the root's has already. */
    private static String folderUrl(String project, String revision, byte[] path) {
        String url = GitLocation.path(project, revision, path).toUrl();
        return path.length == 0 ? url : url + "/";
    }

    /** Markdown of a file in {@code folder}, its relative links made into this site's addresses. */
    String renderMarkdown(String project, String revision, byte[] folder, String text) {
        String base = folder.length == 0 ? "" : RawParseUtils.decode(folder) + "/";
        return markdown.render(
                text,
                link -> GitLocation.path(project, revision, normalize(base + link))
                        .toUrl(),
                image -> GitLocation.raw(
                                project,
                                revision,
                                normalize(base + image).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toUrl());
    }

    /** A relative link resolved against its folder, without escaping the repository's root. */
    private static String normalize(String path) {
        String clean = path.replaceAll("[?#].*$", "");
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (String part : clean.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    private File file(Mirror mirror, ObjectReader reader, Revision revision, byte[] path, TreePaths.Found found)
            throws IOException {
        String project = mirror.name();
        String pathText = RawParseUtils.decode(path);
        ObjectLoader loader = reader.open(found.id(), Constants.OBJ_BLOB);
        long size = loader.getSize();
        boolean tooLarge = size > MOST_INLINE;
        byte[] bytes = tooLarge ? new byte[0] : loader.getCachedBytes(MOST_INLINE);
        boolean binary = !tooLarge && RawText.isBinary(bytes);
        String lower = pathText.toLowerCase(Locale.ROOT);
        boolean image = IMAGES.stream().anyMatch(lower::endsWith) && !tooLarge;
        List<String> lines = List.of();
        String rendered = "";
        if (!tooLarge && !binary) {
            String text = RawParseUtils.decode(bytes);
            lines = splitLines(text);
            if ((lower.endsWith(".md") || lower.endsWith(".markdown")) && size <= Markdown.MOST) {
                int slash = lastSlash(path);
                rendered = renderMarkdown(
                        project, revision.name(), slash < 0 ? new byte[0] : Arrays.copyOf(path, slash), text);
            }
        }
        String mode = found.mode() == FileMode.EXECUTABLE_FILE
                ? "executable"
                : found.mode() == FileMode.SYMLINK ? "symlink" : "regular";
        return new File(
                revision.name(),
                revision.commit().name(),
                pathText,
                crumbs(project, revision.name(), path),
                size,
                mode,
                binary,
                image,
                tooLarge,
                Languages.of(pathText),
                lines,
                rendered,
                GitLocation.raw(project, revision.name(), path).toUrl(),
                GitLocation.blame(project, revision.name(), path).toUrl(),
                GitLocation.log(project, revision.name(), path).toUrl(),
                GitLocation.revision(project, revision.commit().name()).toUrl(),
                GitLocation.path(project, revision.commit().name(), path).toUrl());
    }

    static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static int lastSlash(byte[] path) {
        for (int i = path.length - 1; i >= 0; i--) {
            if (path[i] == '/') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] join(byte[] folder, byte[] name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(folder.length + 1 + name.length);
        out.writeBytes(folder);
        out.write('/');
        out.writeBytes(name);
        return out.toByteArray();
    }
}
