package org.opencontrail.web.status.urls;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Every address of the status site, built in one place for pages, JSON and redirects alike: a
 * change's page, a project's page and badge, and the pipelines page filtered.
 */
public final class StatusUrls {

    private StatusUrls() {}

    /** A change's page: its items, runs and dependencies. */
    public static String change(long number) {
        return "/change/" + number;
    }

    /** A change's page, from its number as text (Zuul's item ids carry it so). */
    public static String change(String number) {
        return "/change/" + path(number);
    }

    /** A project's page: its items now and its jobs' recent results. */
    public static String project(String name) {
        return "/project/" + path(name);
    }

    /** A project's CI badge: the last gate or post result of its default branch. */
    public static String badge(String project) {
        return "/badge/" + path(project) + ".svg";
    }

    /** The pipelines page showing one project's items. */
    public static String pipelinesOfProject(String project) {
        return "/?project=" + query(project);
    }

    /** The pipelines page showing one queue of a pipeline. */
    public static String pipelinesOfQueue(String pipeline, String queue) {
        return "/?pipeline=" + query(pipeline) + "&queue=" + query(queue);
    }

    /** Each segment of a slash-separated name percent-encoded, the slashes kept. */
    private static String path(String name) {
        StringBuilder out = new StringBuilder();
        for (String segment : name.split("/", -1)) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }

    private static String query(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
