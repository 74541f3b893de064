package org.opencontrail.web.git.browse;

import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.opencontrail.web.branding.Brand;
import org.opencontrail.web.branding.Site;
import org.opencontrail.web.git.location.GitLocation;

/** Links out of the site (review, status, logs) and the site's own public address, from the brand's configuration. */
@Singleton
public final class SiteLinks {

    private final Brand brand;

    SiteLinks(Brand brand) {
        this.brand = brand;
    }

    private static String query(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    public String cloneUrl(String project) {
        return brand.link(Site.GIT, "/" + GitLocation.encode(project));
    }

    /** The project's open and merged changes on the review site. */
    public String reviewProject(String project) {
        return brand.reviewLink("/q/project:" + query(project));
    }

    /** The change with this Change-Id on the review site. */
    public String reviewChangeId(String changeId) {
        return brand.reviewLink("/q/" + query(changeId));
    }

    /** The change a commit came from, found by its id. */
    public String reviewCommit(String commitId) {
        return brand.reviewLink("/q/commit:" + commitId);
    }

    /** The project on the status site (what the gate runs for it now). */
    public String statusProject(String project) {
        return brand.link(Site.STATUS, "/project/" + GitLocation.encode(project));
    }

    /** The project's CI badge: the last gate or post result of a branch, drawn by the status site. */
    public String badge(String project, String branch) {
        return brand.link(Site.STATUS, "/badge/" + GitLocation.encode(project) + ".svg?branch=" + query(branch));
    }

    /** The project's logs on the logs site: a search of its builds. */
    public String logsProject(String project) {
        return brand.link(Site.LOGS, "/search?q=" + query("project:\"" + project + "\""));
    }

    /** A Launchpad bug, as OpenContrail's commits name them ({@code Closes-Bug: #1234567}). */
    public String bug(String number) {
        return "https://bugs.launchpad.net/bugs/" + number;
    }
}
