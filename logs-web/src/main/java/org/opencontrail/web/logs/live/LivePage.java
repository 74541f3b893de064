package org.opencontrail.web.logs.live;

/**
 * What a live console's page shows around its lines.
 *
 * @param title     the page's heading: whose console it is
 * @param project   the build's project, empty when Zuul no longer shows the build
 * @param change    its change and patch set, empty for a ref or when unknown
 * @param pipeline  its pipeline, empty when unknown
 * @param uuid      the build
 * @param source    where the console is read from, empty when unknown
 * @param phase     where the console stands, as a word for scripts and styles
 * @param words     where the console stands, for people
 * @param why       what went wrong, after a colon; empty when nothing did
 * @param last      the number of the last line rendered with the page
 * @param gap       a note of the first lines no longer held, empty when every line is
 * @param eventsUrl its Server-Sent Events
 * @param buildUrl  the build's stored logs, once they are stored
 */
record LivePage(
        String title,
        String project,
        String change,
        String pipeline,
        String uuid,
        String source,
        String phase,
        String words,
        String why,
        long last,
        String gap,
        String eventsUrl,
        String buildUrl) {}
