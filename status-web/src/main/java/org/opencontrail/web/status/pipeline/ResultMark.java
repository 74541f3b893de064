package org.opencontrail.web.status.pipeline;

import org.opencontrail.web.shared.zuul.ZuulResult;

/**
 * How a result looks: a css class for its colour and a symbol, so that readers who cannot tell
 * the colours apart still tell the results apart.
 *
 * @param css    css class (result-success, result-failure...)
 * @param symbol the mark beside it
 */
public record ResultMark(String css, String symbol) {

    public static final ResultMark RUNNING = new ResultMark("result-running", "\u25B6");
    public static final ResultMark QUEUED = new ResultMark("result-queued", "\u25CB");

    /** The mark of a finished build's or buildset's result. */
    public static ResultMark of(String result) {
        return ZuulResult.of(result)
                .map(known -> switch (known.tone()) {
                    case PASSED -> new ResultMark("result-success", "\u2713");
                    case NOT_RUN -> new ResultMark("result-skipped", "\u2013");
                    case FAILED, TROUBLE -> new ResultMark("result-failure", "\u2717");
                })
                .orElse(RUNNING);
    }

    /** Only http(s) links reach a page: a {@code javascript:} URL from a feed must never become a link. */
    public static String safeUrl(String url) {
        String stripped = url.strip();
        String lower = stripped.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? stripped : "";
    }
}
