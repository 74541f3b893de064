package org.opencontrail.web.logs.testruns;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opencontrail.web.logs.builds.ConsoleFiles;

/**
 * Which of a build's files hold its test results, best first: subunit streams (stestr's
 * {@code .stestr/N}, else testrepository's {@code testrepository.subunit}, else any {@code *.subunit}),
 * else JUnit XML ({@code *.xml}), else its console. One kind is read: a job that keeps its stream
 * and a JUnit file made from it would count each test twice.
 *
 * @param kind    subunit, junit, console, or none
 * @param paths   the files to read, under the build's folder
 * @param console the build's console, when it has one: failures link to their line there
 */
public record ResultFiles(String kind, List<String> paths, Optional<String> console) {

    private static final Pattern STESTR = Pattern.compile("(?:^|.*/)\\.stestr/\\d+(?:\\.gz)?");
    private static final Pattern TESTREPOSITORY = Pattern.compile("(?:^|.*/)testrepository\\.subunit(?:\\.gz)?");
    private static final Pattern SUBUNIT = Pattern.compile(".*\\.subunit(?:\\.gz)?");
    private static final Pattern JUNIT = Pattern.compile(".*\\.xml(?:\\.gz)?");

    /** The result files among a build's paths. */
    public static ResultFiles of(Collection<String> paths) {
        Optional<String> console = ConsoleFiles.of(paths);
        for (Pattern subunit : List.of(STESTR, TESTREPOSITORY, SUBUNIT)) {
            List<String> found = matching(paths, subunit);
            if (!found.isEmpty()) {
                return new ResultFiles("subunit", found, console);
            }
        }
        List<String> xml = matching(paths, JUNIT);
        if (!xml.isEmpty()) {
            return new ResultFiles("junit", xml, console);
        }
        return console.map(c -> new ResultFiles("console", List.of(c), console))
                .orElseGet(() -> new ResultFiles("none", List.of(), console));
    }

    private static List<String> matching(Collection<String> paths, Pattern pattern) {
        List<String> found = new ArrayList<>();
        for (String path : paths) {
            if (pattern.matcher(path.toLowerCase(Locale.ROOT)).matches()) {
                found.add(path);
            }
        }
        found.sort(null);
        return found;
    }
}
