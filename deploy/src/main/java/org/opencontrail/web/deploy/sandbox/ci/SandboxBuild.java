package org.opencontrail.web.deploy.sandbox.ci;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A build of one job for one queue item. Guarded by the world's lock. */
public final class SandboxBuild {

    private final String uuid;
    private final CiCatalog.JobSpec job;
    private final Duration planned;
    private final boolean willFail;
    private Instant start;
    private Instant end;
    private String result;
    private String logUrl = "";
    /** Its failure is the first of the sandbox's failure lines, the one a signature always knows (Zuul mode). */
    /** The line of {@code failure-lines.txt} its log fails with; -1: one drawn at random. */
    private int failureLine = -1;

    SandboxBuild(String uuid, CiCatalog.JobSpec job, Duration planned, boolean willFail) {
        this.uuid = uuid;
        this.job = job;
        this.planned = planned;
        this.willFail = willFail;
    }

    public String uuid() {
        return uuid;
    }

    public CiCatalog.JobSpec job() {
        return job;
    }

    public Duration planned() {
        return planned;
    }

    boolean willFail() {
        return willFail;
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return end;
    }

    public boolean started() {
        return start != null;
    }

    public boolean finished() {
        return result != null;
    }

    public Optional<String> result() {
        return Optional.ofNullable(result);
    }

    public String logUrl() {
        return logUrl;
    }

    void started(Instant at) {
        start = at;
    }

    void finished(String outcome, Instant at) {
        result = outcome;
        end = at;
        if (start == null) {
            start = at;
        }
    }

    /** The line of the sandbox's failure lines its log fails with, when chosen rather than drawn. */
    public java.util.OptionalInt failureLine() {
        return failureLine < 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(failureLine);
    }

    void failureLine(int line) {
        failureLine = line;
    }

    void logUrl(String url) {
        logUrl = url;
    }
}
