package org.opencontrail.web.logs.builds;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import org.opencontrail.web.logs.store.Sizes;

/**
 * A progress line for long work on a terminal: done / total files and bytes, rate and time left,
 * redrawn in place a few times a second; on a pipe or a log file, a plain line every few seconds.
 */
public final class Progress {

    private final PrintStream out;
    private final boolean terminal;
    private final String what;
    private final String unit;
    private final long totalFiles;
    private final long totalBytes;
    private final long started = System.nanoTime();
    private long lastDrawn;

    /**
     * @param what       the work, first on the line
     * @param unit       what is counted: files, builds
     */
    public Progress(PrintStream out, boolean terminal, String what, String unit, long totalFiles, long totalBytes) {
        this.out = out;
        this.terminal = terminal;
        this.what = what;
        this.unit = unit;
        this.totalFiles = totalFiles;
        this.totalBytes = totalBytes;
        this.lastDrawn = started;
    }

    /** Whether this process writes to a terminal, where the line is redrawn in place. */
    @SuppressWarnings("SystemConsoleNull") // on Java 17, a console is there only on a terminal
    public static boolean onTerminal() {
        return System.console() != null;
    }

    public void update(long files, long bytes, boolean force) {
        long now = System.nanoTime();
        long every = terminal ? 250_000_000L : 5_000_000_000L;
        if (!force && now - lastDrawn < every) {
            return;
        }
        lastDrawn = now;
        String line = line(files, bytes, now - started);
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
    }

    public void finish(long files, long bytes) {
        update(files, bytes, true);
        if (terminal) {
            out.println();
        }
    }

    public String line(long files, long bytes, long elapsedNanos) {
        double fraction =
                totalBytes > 0 ? (double) bytes / totalBytes : totalFiles > 0 ? (double) files / totalFiles : 1;
        int width = 24;
        int filled = (int) Math.round(Math.min(1, fraction) * width);
        double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
        if (totalBytes == 0) {
            // work counted in items only (builds written into a database): their rate and time left
            double perSecond = files / seconds;
            return String.format(
                    Locale.ROOT,
                    "%s [%s%s] %3d%%  %d/%d %s  %.0f/s  ETA %s",
                    what,
                    "#".repeat(filled),
                    ".".repeat(width - filled),
                    Math.round(fraction * 100),
                    files,
                    totalFiles,
                    unit,
                    perSecond,
                    perSecond > 0 && files < totalFiles
                            ? clock(Duration.ofSeconds((long) ((totalFiles - files) / perSecond)))
                            : "-");
        }
        double rate = bytes / seconds;
        String eta =
                rate > 0 && bytes < totalBytes ? clock(Duration.ofSeconds((long) ((totalBytes - bytes) / rate))) : "-";
        return String.format(
                Locale.ROOT,
                "%s [%s%s] %3d%%  %d/%d %s  %s/%s  %s/s  ETA %s",
                what,
                "#".repeat(filled),
                ".".repeat(width - filled),
                Math.round(fraction * 100),
                files,
                totalFiles,
                unit,
                Sizes.human(bytes),
                Sizes.human(totalBytes),
                Sizes.human((long) rate),
                eta);
    }

    static String clock(Duration duration) {
        long s = duration.toSeconds();
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
