package org.opencontrail.web.logs.builds;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** A build's console among its files: Zuul's {@code job-output.txt}, or a Jenkins-era console. */
public final class ConsoleFiles {

    /** Console files, as Zuul and the Jenkins-era jobs named them, in order of preference. */
    public static final List<String> NAMES = List.of(
            "job-output.txt", "job-output.txt.gz", "console.html", "console.html.gz", "console.txt", "console.txt.gz");

    private ConsoleFiles() {}

    /** The console among the paths (in the build's folder), if one is. */
    public static Optional<String> of(Collection<String> paths) {
        return NAMES.stream().filter(paths::contains).findFirst();
    }
}
