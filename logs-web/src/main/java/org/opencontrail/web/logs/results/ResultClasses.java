package org.opencontrail.web.logs.results;

import org.opencontrail.web.shared.zuul.ZuulResult;

/**
 * The classes that colour a build result on this site's pages, from what shared's
 * {@link ZuulResult} says the result means.
 */
public final class ResultClasses {

    private ResultClasses() {}

    /** A result's class in the charts: chart-ok, chart-fail, chart-warn (the CI's trouble) or chart-other. */
    public static String chart(String result) {
        return ZuulResult.of(result)
                .map(known -> switch (known.tone()) {
                    case PASSED -> "chart-ok";
                    case FAILED -> "chart-fail";
                    case TROUBLE -> "chart-warn";
                    case NOT_RUN -> "chart-other";
                })
                .orElse("chart-other");
    }

    /** A result's class beside its name: result-success, result-failure or result-skipped; empty while there is none. */
    public static String mark(String result) {
        return ZuulResult.of(result)
                .map(known -> switch (known.tone()) {
                    case PASSED -> "result-success";
                    case FAILED, TROUBLE -> "result-failure";
                    case NOT_RUN -> "result-skipped";
                })
                .orElse("");
    }
}
