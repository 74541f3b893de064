package org.opencontrail.web.logs.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The search page's numbers and page links are made by its model, each link keeping what narrows the search. */
class SearchPagingTest {

    private final SearchPage.Form form = new SearchPage.Form("tags:console", "7d", "", "", "ERROR");

    @Test
    void theFirstPageStartsAtHitOneAndLinksToTheNext() {
        SearchPage.Paging paging = SearchPage.Paging.of(form, 1, 420);

        assertThat(paging.start()).isEqualTo(1);
        assertThat(paging.links())
                .extracting(SearchPage.PageLink::label)
                .containsExactly("1", "2", "3", "\u2026", "9", "Next");
        assertThat(paging.links().get(0).current()).isTrue();
        assertThat(paging.links().get(0).url()).isEmpty();
        assertThat(paging.links().get(5).url()).isEqualTo("/search?q=tags%3Aconsole&range=7d&level=ERROR&page=2");
    }

    @Test
    void aLaterPageStartsAfterTheHitsOfThePagesBeforeIt() {
        SearchPage.Paging paging = SearchPage.Paging.of(form, 5, 420);

        assertThat(paging.start()).isEqualTo(201);
        assertThat(paging.links())
                .extracting(SearchPage.PageLink::label)
                .containsExactly("Previous", "1", "\u2026", "3", "4", "5", "6", "7", "\u2026", "9", "Next");
        assertThat(paging.links().get(0).url()).isEqualTo("/search?q=tags%3Aconsole&range=7d&level=ERROR&page=4");
        assertThat(paging.links().get(1).url())
                .as("the first page is the search itself")
                .isEqualTo("/search?q=tags%3Aconsole&range=7d&level=ERROR");
        assertThat(SearchPage.Paging.offsetOf(5)).isEqualTo(200);
    }

    @Test
    void hitsThatFitOnOnePageNeedNoLinks() {
        assertThat(SearchPage.Paging.of(form, 1, 50).links()).isEmpty();
        assertThat(SearchPage.Paging.of(form, 1, 0).start()).isEqualTo(1);
    }

    @Test
    void theLinksStopWhereTheIndexStopsPaging() {
        SearchPage.Paging paging = SearchPage.Paging.of(form, 1, 1_000_000);

        assertThat(paging.links().get(paging.links().size() - 2).label())
                .isEqualTo(Integer.toString(SearchRequest.MAX_WINDOW / 50));
    }
}
