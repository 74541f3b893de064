package org.opencontrail.web.logs.search;

import java.util.ArrayList;
import java.util.List;
import org.opencontrail.web.branding.chart.StackedBars;
import org.opencontrail.web.logs.urls.LogsUrls;

/** The model of {@code /search}'s page beside its form and result: what it shows, prepared. */
final class SearchPage {

    private SearchPage() {}

    /**
     * What the form holds, to draw it again and make links that keep it.
     */
    record Form(String q, String range, String from, String to, String level) {

        /** The same search's answer as JSON. */
        public String jsonUrl() {
            return LogsUrls.searchJson(q);
        }

        /** A page of this search, or of another query narrowed alike. */
        String url(String query, int page) {
            return LogsUrls.search(query, range, from, to, level, page);
        }
    }

    /** A facet value as a link that narrows the query to it. */
    record FacetLink(String value, long count, String url) {}

    /** A page link; {@code url} empty for the current page or a gap. */
    record PageLink(String label, String url, boolean current) {}

    /**
     * Where a page of hits stands among the others.
     *
     * @param start the number of its first hit, counted from 1 (the list's {@code start})
     * @param links the links to the other pages: previous, the pages around it and at both ends, next; none when
     *              every hit fits on one page
     */
    record Paging(long start, List<PageLink> links) {

        static Paging of(Form form, int current, long total) {
            long last = Math.max(
                    1,
                    Math.min(
                            (total + SearchRequests.PAGE - 1) / SearchRequests.PAGE,
                            SearchRequest.MAX_WINDOW / SearchRequests.PAGE));
            List<PageLink> links = new ArrayList<>();
            if (last > 1) {
                if (current > 1) {
                    links.add(new PageLink("Previous", form.url(form.q(), current - 1), false));
                }
                for (long n = 1; n <= last; n++) {
                    if (n == 1 || n == last || Math.abs(n - current) <= 2) {
                        links.add(new PageLink(
                                Long.toString(n), n == current ? "" : form.url(form.q(), (int) n), n == current));
                    } else if (Math.abs(n - current) == 3) {
                        links.add(new PageLink("\u2026", "", false));
                    }
                }
                if (current < last) {
                    links.add(new PageLink("Next", form.url(form.q(), current + 1), false));
                }
            }
            return new Paging(offsetOf(current) + 1L, List.copyOf(links));
        }

        /** The hits before a page. */
        static int offsetOf(int page) {
            return (page - 1) * SearchRequests.PAGE;
        }
    }

    /** The histogram drawn, and the width of its bars in words. */
    record Chart(StackedBars.Chart drawn, String interval) {}
}
