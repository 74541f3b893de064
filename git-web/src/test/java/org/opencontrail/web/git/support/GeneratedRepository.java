package org.opencontrail.web.git.support;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A repository of realistic shape made with {@code git fast-import}: thousands of files in
 * folders, tens of thousands of commits, renames, merges of a side branch, a binary file, a file
 * of 5,000 lines, a path and a message that are not UTF-8, a commit of 27 files, a huge diff,
 * tags, and hostile text (markup in messages, names, file names and the README, a branch name
 * with shell characters).
 */
public final class GeneratedRepository {

    public static final String BIG_FILE = "src/vnsw/agent/big_table.cc";
    /** A file of 1,218 lines edited a few lines at a time by many commits: a blame with many runs. */
    public static final String PEER_FILE = "src/bgp/bgp_peer.cc";
    public static final int PEER_LINES = 1_218;
    public static final int BIG_LINES = 5_000;
    public static final String RENAMED_FROM = "src/old/route_table.cc";
    public static final String RENAMED_TO = "src/bgp/route_table.cc";
    public static final byte[] LATIN1_PATH = "docs/caf\u00e9.txt".getBytes(StandardCharsets.ISO_8859_1);
    public static final String HOSTILE_FILE = "docs/<img src=x onerror=alert(1)>.txt";
    /** An image that carries script, as anyone can commit one. */
    public static final String SCRIPTED_SVG = "docs/diagram.svg";
    public static final String SHELL_BRANCH = "feature/x;rm$(id)&&|y";
    public static final String HOSTILE_SUBJECT = "Fix <script>alert('subject')</script> parsing";
    /** Git allows no angle brackets in a name: quotes and entities are what an author can try. */
    public static final String HOSTILE_AUTHOR = "Eve\" onmouseover=\"alert(1)\" &lt;script&gt;";
    public static final String WIDE_COMMIT_SUBJECT = "Touch 27 files at once";
    public static final String HUGE_DIFF_SUBJECT = "Regenerate the huge table";
    /** A binary of 5 MiB: its bytes are streamed, not held. */
    public static final String LARGE_BINARY = "assets/firmware.bin";

    private GeneratedRepository() {
    }

    /** Writes the repository (bare) into {@code dir} with about {@code commits} commits on master. */
    public static Path create(Path dir, int commits) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        run(dir, "git", "init", "--bare", "-q", "-b", "master", ".");
        Process importer = new ProcessBuilder("git", "fast-import", "--quiet").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("fast-import.log").toFile()).start();
        try (OutputStream out = new BufferedOutputStream(importer.getOutputStream(), 1 << 16)) {
            write(new Stream(out), commits);
        }
        if (!importer.waitFor(300, TimeUnit.SECONDS) || importer.exitValue() != 0) {
            throw new IOException("fast-import failed: " + Files.readString(dir.resolve("fast-import.log")));
        }
        run(dir, "git", "symbolic-ref", "HEAD", "refs/heads/master");
        return dir;
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + ": " + output);
        }
    }

    /** fast-import's commands, with a clock that moves a few minutes a commit. */
    private static final class Stream {
        private final OutputStream out;
        private long time = 1_400_000_000L;
        private int mark;

        Stream(OutputStream out) {
            this.out = out;
        }

        void text(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }

        void data(byte[] bytes) throws IOException {
            text("data " + bytes.length + "\n");
            out.write(bytes);
            text("\n");
        }

        /** Starts a commit on a branch; returns its mark. */
        int commit(String branch, String author, byte[] message) throws IOException {
            return commit(branch, author, message, null);
        }

        /** A commit whose message is in an encoding other than UTF-8, said in its header. */
        int commit(String branch, String author, byte[] message, String encoding) throws IOException {
            time += 300;
            mark++;
            text("commit refs/heads/" + branch + "\nmark :" + mark + "\n");
            text("author " + author + " " + time + " +0000\ncommitter " + author + " " + time + " +0000\n");
            if (encoding != null) {
                text("encoding " + encoding + "\n");
            }
            data(message);
            return mark;
        }

        void modify(String path, byte[] content) throws IOException {
            modify(path.getBytes(StandardCharsets.UTF_8), content);
        }

        void modify(byte[] path, byte[] content) throws IOException {
            text("M 100644 inline ");
            out.write(quote(path));
            text("\n");
            data(content);
        }

        /** A path as fast-import takes it: quoted, with octal escapes for bytes beyond ASCII. */
        private static byte[] quote(byte[] path) {
            ByteArrayOutputStream q = new ByteArrayOutputStream();
            q.write('"');
            for (byte b : path) {
                int c = b & 0xff;
                if (c == '"' || c == '\\') {
                    q.write('\\');
                    q.write(c);
                } else if (c < 0x20 || c >= 0x7f) {
                    q.writeBytes(String.format("\\%03o", c).getBytes(StandardCharsets.US_ASCII));
                } else {
                    q.write(c);
                }
            }
            q.write('"');
            return q.toByteArray();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String source(String name, int version, int lines) {
        StringBuilder text = new StringBuilder("// ").append(name).append("\n#include <string>\n\nnamespace contrail {\n");
        for (int i = 0; i < lines; i++) {
            text.append("int ").append(name.replaceAll("[^A-Za-z0-9]", "_")).append('_').append(i).append(" = ").append(i * version).append(";\n");
        }
        return text.append("}  // namespace contrail\n").toString();
    }

    private static void write(Stream s, int commits) throws IOException {
        Random random = new Random(20171124);
        String ada = "Ada Lovelace <ada@example.org>";
        s.commit("master", ada, utf8("Initial import\n\nChange-Id: I" + "0".repeat(40) + "\n"));
        int files = 2_000;
        for (int f = 0; f < files; f++) {
            s.modify("src/module" + (f % 100) + "/file" + f + ".cc", utf8(source("file" + f, 1, 5)));
        }
        s.modify(BIG_FILE, utf8(source("big", 1, BIG_LINES - 5)));
        s.modify(RENAMED_FROM, utf8(source("route_table", 1, 60)));
        String[] peer = new String[PEER_LINES];
        for (int i = 0; i < PEER_LINES; i++) {
            peer[i] = i % 40 == 0 ? "// BgpPeer: section " + i / 40 : "    peer_state_[" + i + "] = PeerState(" + i + ", \"idle\");";
        }
        s.modify(PEER_FILE, utf8(String.join("\n", peer) + "\n"));
        s.modify("README.md", utf8("# Controller\n\nSee [the docs](docs/guide.md) and ![logo](docs/logo.png).\n\n"
                + "<script>alert('readme')</script>\n\n[click](javascript:alert(1))\n"));
        s.modify("docs/guide.md", utf8("# Guide\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"));
        byte[] png = new byte[600];
        random.nextBytes(png);
        png[0] = (byte) 0x89;
        png[1] = 'P';
        png[2] = 'N';
        png[3] = 'G';
        png[4] = 0;
        s.modify("docs/logo.png", png);
        byte[] large = new byte[5 * 1024 * 1024];
        random.nextBytes(large);
        s.modify(LARGE_BINARY, large);
        s.modify(LATIN1_PATH, "caf\u00e9 au lait\n".getBytes(StandardCharsets.ISO_8859_1));
        s.modify(HOSTILE_FILE, utf8("<b>not markup</b>\n"));
        s.modify(SCRIPTED_SVG, utf8("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(document.cookie)</script></svg>\n"));
        s.modify("SConstruct", utf8("env = Environment()\nSConscript('src/SConscript')\n"));
        for (int c = 1; c < commits; c++) {
            if (c == commits / 2) {
                s.commit("master", ada, utf8("Move the route table\n\nChange-Id: I" + "%040x".formatted(c) + "\n"));
                s.text("R \"" + RENAMED_FROM + "\" \"" + RENAMED_TO + "\"\n");
                continue;
            }
            if (c == commits / 2 + 10) {
                s.commit("master", ada, utf8("Edit the moved route table\n"));
                s.modify(RENAMED_TO, utf8(source("route_table", 2, 61)));
                continue;
            }
            if (c == commits - 40) {
                s.commit("master", ada, utf8(WIDE_COMMIT_SUBJECT + "\n\nCloses-Bug: #1712345\nChange-Id: I" + "%040x".formatted(c) + "\n"));
                for (int f = 0; f < 27; f++) {
                    s.modify("src/module" + f + "/file" + f + ".cc", utf8(source("file" + f, c, 8)));
                }
                continue;
            }
            if (c == commits - 30) {
                s.commit("master", ada, utf8(HUGE_DIFF_SUBJECT + "\n"));
                s.modify("src/generated/huge.cc", utf8(source("huge", c, 30_000)));
                continue;
            }
            if (c == commits - 20) {
                s.commit("master", HOSTILE_AUTHOR + " <evil@example.org>", utf8(HOSTILE_SUBJECT + "\n\n<img src=x onerror=alert(2)>\n"));
                s.modify("src/module1/file1.cc", utf8(source("file1", c, 6)));
                continue;
            }
            if (c == commits - 10) {
                s.commit("master", ada, "Fix the caf\u00e9 path (Latin-1 message)\n".getBytes(StandardCharsets.ISO_8859_1), "ISO-8859-1");
                s.modify(LATIN1_PATH, "caf\u00e9 noir\n".getBytes(StandardCharsets.ISO_8859_1));
                continue;
            }
            if (c % 1000 == 500) {
                int base = s.mark;
                s.commit("side", ada, utf8("Work on the side " + c + "\n"));
                s.text("from :" + base + "\n");
                s.modify("src/side/side" + c + ".py", utf8("print('side " + c + "')\n"));
                int side = s.mark;
                s.commit("master", ada, utf8("Merge the side branch " + c + "\n"));
                s.text("from :" + base + "\nmerge :" + side + "\n");
                continue;
            }
            s.commit("master", ada, utf8("Change " + c + " of module " + (c % 100) + "\n\nChange-Id: I" + "%040x".formatted(c) + "\n"));
            int f = random.nextInt(files);
            s.modify("src/module" + (f % 100) + "/file" + f + ".cc", utf8(source("file" + f, c, 5 + c % 7)));
            if (c % 20 == 0) {
                for (int k = 0; k < 3; k++) {
                    int line = random.nextInt(PEER_LINES);
                    peer[line] = "    peer_state_[" + line + "] = PeerState(" + line + ", \"established\", " + c + ");";
                }
                s.modify(PEER_FILE, utf8(String.join("\n", peer) + "\n"));
            }
            if (c % 97 == 0) {
                s.modify(BIG_FILE, utf8(source("big", c, BIG_LINES - 5)));
            }
        }
        s.text("reset refs/heads/R5.0\nfrom :" + (commits / 3) + "\n\n");
        s.text("reset refs/heads/" + SHELL_BRANCH + "\nfrom :" + (commits / 4) + "\n\n");
        s.text("tag v1.0\nfrom :" + (commits / 2) + "\ntagger " + ada + " " + (s.time + 60) + " +0000\n");
        s.data(utf8("Release 1.0\n"));
        s.text("reset refs/tags/v0.9-light\nfrom :" + (commits / 5) + "\n\n");
        s.text("tag v1.1-signed\nfrom :" + s.mark + "\ntagger " + ada + " " + (s.time + 120) + " +0000\n");
        s.data(utf8("Release 1.1\n-----BEGIN PGP SIGNATURE-----\n\niQEzBAABCAAdFiEE\n-----END PGP SIGNATURE-----\n"));
        s.text("done\n");
    }
}
