package org.opencontrail.web.logs.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of the index and the names queries may use for them. The logstash names (what
 * elastic-recheck queries were written in) are the fields themselves; shorter names of our own are
 * aliases of them. Line fields are on every line's document; build and file fields are on one
 * document per file, and a query's clauses on them become the set of files they select.
 */
public final class SearchFields {

    public static final String MESSAGE = "message";
    public static final String LOGLEVEL = "loglevel";
    public static final String MODULE = "module";
    public static final String SYSLOG_PROGRAM = "syslog_program";
    /** A line's own time, epoch milliseconds, where it writes one. */
    public static final String TIME = "time";
    /** The line number, on line documents. */
    public static final String LINE = "line";
    /** The file id (hex), on file and line documents. */
    public static final String FILE = "file";
    /** The build's time (epoch milliseconds), on every document: time ranges and ordering. */
    public static final String BUILD_TIME = "build_time";
    /** A file document's count of lines, stored. */
    public static final String LINES = "lines";
    /** A file document's id, stored. */
    public static final String FILE_ID = "file_id";
    /** {@code file} or {@code build}; line documents have none. */
    public static final String KIND = "kind";

    public static final String FILENAME = "filename";
    public static final String TAGS = "tags";
    public static final String BUILD_NAME = "build_name";
    public static final String BUILD_STATUS = "build_status";
    public static final String BUILD_QUEUE = "build_queue";
    public static final String BUILD_BRANCH = "build_branch";
    public static final String BUILD_CHANGE = "build_change";
    public static final String BUILD_PATCHSET = "build_patchset";
    public static final String BUILD_UUID = "build_uuid";
    public static final String BUILD_SHORT_UUID = "build_short_uuid";
    public static final String BUILD_REF = "build_ref";
    public static final String BUILD_NODE = "build_node";
    public static final String PROJECT = "project";
    public static final String VOTING = "voting";

    /** Fields of each line. */
    public static final Set<String> LINE_FIELDS = Set.of(MESSAGE, LOGLEVEL, MODULE, SYSLOG_PROGRAM, TIME);

    /** Fields of the build and the file, on file documents. */
    public static final Set<String> FILE_FIELDS = Set.of(
            FILENAME,
            TAGS,
            BUILD_NAME,
            BUILD_STATUS,
            BUILD_QUEUE,
            BUILD_BRANCH,
            BUILD_CHANGE,
            BUILD_PATCHSET,
            BUILD_UUID,
            BUILD_SHORT_UUID,
            BUILD_REF,
            BUILD_NODE,
            PROJECT,
            VOTING);

    /** Our names for the logstash ones. */
    public static final Map<String, String> ALIASES = aliases();

    /**
     * What the search page offers to complete, with a word on each.
     */
    public static final Map<String, String> DESCRIBED = described();

    private SearchFields() {}

    private static Map<String, String> aliases() {
        Map<String, String> aliases = new LinkedHashMap<>();
        aliases.put("text", MESSAGE);
        aliases.put("level", LOGLEVEL);
        aliases.put("job", BUILD_NAME);
        aliases.put("result", BUILD_STATUS);
        aliases.put("status", BUILD_STATUS);
        aliases.put("pipeline", BUILD_QUEUE);
        aliases.put("queue", BUILD_QUEUE);
        aliases.put("branch", BUILD_BRANCH);
        aliases.put("change", BUILD_CHANGE);
        aliases.put("patchset", BUILD_PATCHSET);
        aliases.put("uuid", BUILD_UUID);
        aliases.put("build", BUILD_UUID);
        aliases.put("short_uuid", BUILD_SHORT_UUID);
        aliases.put("ref", BUILD_REF);
        aliases.put("node", BUILD_NODE);
        aliases.put("path", FILENAME);
        aliases.put("tag", TAGS);
        aliases.put("program", SYSLOG_PROGRAM);
        return Map.copyOf(aliases);
    }

    private static Map<String, String> described() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(MESSAGE, "the line's text (the default field)");
        fields.put(LOGLEVEL, "the line's level: DEBUG INFO AUDIT TRACE WARNING ERROR CRITICAL (alias level)");
        fields.put(MODULE, "the logger of an oslo.log line, e.g. nova.compute.manager");
        fields.put(SYSLOG_PROGRAM, "the program of a syslog line (alias program)");
        fields.put(FILENAME, "the file's path in the build, without .gz: job-output.txt, logs/syslog.txt (alias path)");
        fields.put(TAGS, "the file's name, and console for console logs, screen for service logs (alias tag)");
        fields.put(BUILD_NAME, "the job (alias job)");
        fields.put(BUILD_STATUS, "the build's result: SUCCESS FAILURE POST_FAILURE TIMED_OUT ... (alias result)");
        fields.put(BUILD_QUEUE, "the pipeline: check gate post periodic ... (alias pipeline)");
        fields.put(BUILD_BRANCH, "the branch (alias branch)");
        fields.put(BUILD_CHANGE, "the change number (alias change)");
        fields.put(BUILD_PATCHSET, "the patchset number (alias patchset)");
        fields.put(BUILD_UUID, "the build's uuid (alias uuid)");
        fields.put(BUILD_SHORT_UUID, "the first seven characters of the uuid, as log paths write it");
        fields.put(BUILD_REF, "the git ref built");
        fields.put(BUILD_NODE, "the nodeset it ran on (alias node)");
        fields.put(PROJECT, "the project, e.g. opencontrail/contrail-controller");
        fields.put(VOTING, "1 for a voting job, 0 otherwise");
        return java.util.Collections.unmodifiableMap(fields);
    }

    /** The field a query's name stands for, when known. */
    static Optional<String> resolve(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (LINE_FIELDS.contains(lower) || FILE_FIELDS.contains(lower)) {
            return Optional.of(lower);
        }
        return Optional.ofNullable(ALIASES.get(lower));
    }

    public static boolean isFileField(String field) {
        return FILE_FIELDS.contains(field) || BUILD_TIME.equals(field);
    }

    /** The tags logstash gave a file: its base name, and what kind of log it is. */
    public static List<String> tagsOf(String filename) {
        String base = filename.substring(filename.lastIndexOf('/') + 1);
        List<String> tags = new java.util.ArrayList<>(List.of(base));
        if (base.equals("console.html")
                || base.equals("job-output.txt")
                || base.equals("console.log")
                || base.equals("console.txt")
                || base.equals("job-output.json")) { // of which the failed tasks' output is indexed
            tags.add("console");
        }
        if (base.startsWith("screen-") || base.startsWith("devstack@")) {
            tags.add("screen");
        }
        if (base.equals("syslog.txt") || base.equals("syslog")) {
            tags.add("syslog");
        }
        return tags;
    }
}
