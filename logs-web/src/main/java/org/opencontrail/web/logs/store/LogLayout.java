package org.opencontrail.web.logs.store;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a build's files go in the store, as logs.openstack.org laid them out, so that links and
 * habits carry over: a change's build at {@code CHANGE[-2:]/CHANGE/PATCHSET/PIPELINE/JOB/UUID[:7]/},
 * a build of a pushed ref (post, tag) at {@code NEWREV[:2]/NEWREV/PIPELINE/JOB/UUID[:7]/}, any other
 * (periodic) at {@code PIPELINE/PROJECT/BRANCH/JOB/UUID[:7]/}.
 */
public final class LogLayout {

    private static final Pattern CHANGE =
            Pattern.compile("^(\\d{1,2})/(\\d{1,9})/(\\d{1,9})/([^/]+)/([^/]+)/([0-9a-fA-F]{7})/(.*)$");
    private static final Pattern REF =
            Pattern.compile("^([0-9a-f]{2})/([0-9a-f]{40})/([^/]+)/([^/]+)/([0-9a-fA-F]{7})/(.*)$");
    private static final Pattern PERIODIC = Pattern.compile("^([^/]+)/(.+)/([^/]+)/([0-9a-fA-F]{7})/(.*)$");

    /**
     * A build's place read back from a key.
     *
     * @param root      the build's folder, ending in {@code /}
     * @param change    change number, 0 for ref and periodic builds
     * @param patchSet  patch set, 0 when none
     * @param newrev    the pushed commit of a ref build, empty otherwise
     * @param pipeline  pipeline
     * @param context   project and branch of a periodic build ({@code org/project/branch}), empty otherwise
     * @param job       job name
     * @param shortUuid the first 7 characters of the build's uuid
     * @param path      the file's path under the build's folder, empty for the folder itself
     */
    public record BuildPath(
            String root,
            int change,
            int patchSet,
            String newrev,
            String pipeline,
            String context,
            String job,
            String shortUuid,
            String path) {}

    private LogLayout() {}

    /** A change's build folder. */
    public static String change(int change, int patchSet, String pipeline, String job, String uuid) {
        String number = Integer.toString(change);
        String tail = number.substring(Math.max(0, number.length() - 2));
        return folder(tail + "/" + number + "/" + patchSet + "/" + segment(pipeline) + "/" + segment(job) + "/"
                + shortUuid(uuid) + "/");
    }

    /** A pushed ref's build folder (post, tag). */
    public static String ref(String newrev, String pipeline, String job, String uuid) {
        if (!newrev.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("not a commit id: " + newrev);
        }
        return folder(newrev.substring(0, 2) + "/" + newrev + "/" + segment(pipeline) + "/" + segment(job) + "/"
                + shortUuid(uuid) + "/");
    }

    /** Any other build's folder (periodic): by project and branch. */
    public static String periodic(String pipeline, String project, String branch, String job, String uuid) {
        return folder(
                segment(pipeline) + "/" + project + "/" + branch + "/" + segment(job) + "/" + shortUuid(uuid) + "/");
    }

    /** The build a key belongs to, when the key follows one of the layouts. */
    public static Optional<BuildPath> parse(String key) {
        Matcher change = CHANGE.matcher(key);
        if (change.matches()
                && change.group(2).endsWith(change.group(1))
                && change.group(2).length() >= 2 == (change.group(1).length() == 2)) {
            String root = key.substring(0, key.length() - change.group(7).length());
            return Optional.of(new BuildPath(
                    root,
                    Integer.parseInt(change.group(2)),
                    Integer.parseInt(change.group(3)),
                    "",
                    change.group(4),
                    "",
                    change.group(5),
                    change.group(6),
                    change.group(7)));
        }
        Matcher ref = REF.matcher(key);
        if (ref.matches() && ref.group(2).startsWith(ref.group(1))) {
            String root = key.substring(0, key.length() - ref.group(6).length());
            return Optional.of(new BuildPath(
                    root, 0, 0, ref.group(2), ref.group(3), "", ref.group(4), ref.group(5), ref.group(6)));
        }
        Matcher periodic = PERIODIC.matcher(key);
        if (periodic.matches()) {
            String root = key.substring(0, key.length() - periodic.group(5).length());
            return Optional.of(new BuildPath(
                    root,
                    0,
                    0,
                    "",
                    periodic.group(1),
                    periodic.group(2),
                    periodic.group(3),
                    periodic.group(4),
                    periodic.group(5)));
        }
        return Optional.empty();
    }

    private static String shortUuid(String uuid) {
        String compact = uuid.replace("-", "");
        if (!compact.matches("[0-9a-fA-F]{7,}")) {
            throw new IllegalArgumentException("not a build uuid: " + uuid);
        }
        return compact.substring(0, 7).toLowerCase(java.util.Locale.ROOT);
    }

    private static String segment(String part) {
        if (part == null || part.isEmpty() || part.contains("/")) {
            throw new IllegalArgumentException("not a path segment: " + part);
        }
        return part;
    }

    private static String folder(String folder) {
        return StoreKeys.folder(folder);
    }
}
