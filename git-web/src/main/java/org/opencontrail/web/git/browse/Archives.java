package org.opencontrail.web.git.browse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.opencontrail.web.git.location.GitLocation;

/**
 * A revision's files (or one folder's) as {@code .tar.gz} or {@code .zip}, written as the tree is
 * walked: every file under a top folder named after the project and revision, with its mode,
 * symlinks as symlinks, times the commit's.
 */
final class Archives {

    private Archives() {}

    /** Writes the archive; {@code tree} is the folder archived (the commit's root or a folder under it). */
    static void write(
            Repository repository, ObjectId commitId, ObjectId tree, String top, String format, OutputStream out)
            throws IOException {
        try (ObjectReader reader = repository.newObjectReader();
                RevWalk walk = new RevWalk(reader);
                TreeWalk files = new TreeWalk(reader)) {
            RevCommit commit = walk.parseCommit(commitId);
            FileTime time = FileTime.from(commit.getCommitterIdent().getWhenAsInstant());
            files.addTree(tree);
            files.setRecursive(true);
            if (format.equals(GitLocation.ZIP)) {
                try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
                    zip.setEncoding("UTF-8");
                    while (files.next()) {
                        FileMode mode = files.getFileMode(0);
                        if (mode == FileMode.GITLINK) {
                            continue;
                        }
                        ZipArchiveEntry entry = new ZipArchiveEntry(top + files.getPathString());
                        entry.setTime(time.toMillis());
                        entry.setUnixMode(
                                mode == FileMode.SYMLINK
                                        ? 0120777
                                        : mode == FileMode.EXECUTABLE_FILE ? 0100755 : 0100644);
                        zip.putArchiveEntry(entry);
                        reader.open(files.getObjectId(0), Constants.OBJ_BLOB).copyTo(zip);
                        zip.closeArchiveEntry();
                    }
                    zip.finish();
                }
            } else {
                try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024);
                        TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip, StandardCharsets.UTF_8.name())) {
                    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                    while (files.next()) {
                        FileMode mode = files.getFileMode(0);
                        if (mode == FileMode.GITLINK) {
                            continue;
                        }
                        String name = top + files.getPathString();
                        if (mode == FileMode.SYMLINK) {
                            TarArchiveEntry link = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                            link.setLinkName(
                                    new String(reader.open(files.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
                            link.setModTime(time);
                            tar.putArchiveEntry(link);
                            tar.closeArchiveEntry();
                            continue;
                        }
                        TarArchiveEntry entry = new TarArchiveEntry(name);
                        entry.setMode(mode == FileMode.EXECUTABLE_FILE ? 0100755 : 0100644);
                        entry.setModTime(time);
                        var loader = reader.open(files.getObjectId(0), Constants.OBJ_BLOB);
                        entry.setSize(loader.getSize());
                        tar.putArchiveEntry(entry);
                        loader.copyTo(tar);
                        tar.closeArchiveEntry();
                    }
                    tar.finish();
                }
            }
        }
    }
}
