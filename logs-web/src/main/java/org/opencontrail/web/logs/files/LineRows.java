package org.opencontrail.web.logs.files;

import java.util.Locale;
import org.opencontrail.web.logs.lines.AnsiHtml;
import org.opencontrail.web.logs.lines.LineClassifier;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.shared.io.LineReader;
import org.unbescape.html.HtmlEscape;

/**
 * One log's lines as the viewer's HTML rows, in order: each a span with its anchor ({@code id="L12"},
 * its number linking to it), its severity class and time, folded into its traceback when it is part
 * of one, ANSI colours rendered and a line past the display limit folded. A stored log's page and a
 * running build's live console both render through it, so a line looks and links the same in both.
 * One instance per log: a line's level and trace depend on the lines before it.
 */
public final class LineRows {

    /** Characters of a line shown before it is folded. */
    static final int DISPLAY_LIMIT = 10_000;

    private final Severity filter;
    private final String rawUrl;
    private final LineClassifier classifier;
    private final TraceGrouper traces;

    /**
     * Rows of a log from its first line.
     *
     * @param filter lowest severity shown ({@link Severity#NONE}: every line)
     * @param rawUrl the raw file, linked from a line cut short
     */
    public LineRows(Severity filter, String rawUrl) {
        this(filter, rawUrl, new LineClassifier(), new TraceGrouper());
    }

    LineRows(Severity filter, String rawUrl, LineClassifier classifier, TraceGrouper traces) {
        this.filter = filter;
        this.rawUrl = rawUrl;
        this.classifier = classifier;
        this.traces = traces;
    }

    /** Rows that resume where a kept render stood. */
    static LineRows resume(Severity filter, String rawUrl, Severity previous, TraceGrouper.Snapshot traces) {
        return new LineRows(filter, rawUrl, new LineClassifier(previous), new TraceGrouper(traces));
    }

    Severity previous() {
        return classifier.previous();
    }

    TraceGrouper.Snapshot traces() {
        return traces.snapshot();
    }

    /**
     * Appends the line's row, unless the filter leaves it out.
     *
     * @return whether it was shown
     */
    public boolean append(StringBuilder html, LineReader.Line line) {
        String plain = AnsiHtml.plain(line.text());
        LineClassifier.Classified classified = classifier.classify(plain);
        if (classified.severity().below(filter)) {
            return false;
        }
        long n = line.number();
        // Grouped among the lines shown: a filtered page folds what it shows of a trace.
        TraceGrouper.Membership trace = traces.next(plain, classified.severity());
        html.append("<span class=\"line ").append(classified.severity().css());
        if (trace.group() > 0) {
            html.append(trace.start() ? " trace-start" : " in-trace");
        }
        html.append("\" id=\"L").append(n).append('"');
        if (trace.group() > 0) {
            html.append(" data-trace=\"").append(trace.group()).append('"');
        }
        if (!classified.time().isEmpty()) {
            html.append(" data-time=\"")
                    .append(HtmlEscape.escapeHtml5Xml(classified.time()))
                    .append('"');
        }
        html.append("><a class=\"ln\" href=\"#L")
                .append(n)
                .append("\">")
                .append(n)
                .append("</a>");
        String text = line.text();
        if (text.length() > DISPLAY_LIMIT) {
            html.append(AnsiHtml.html(text.substring(0, DISPLAY_LIMIT)))
                    .append("<details class=\"fold\"><summary>")
                    .append(String.format(
                            Locale.ROOT, "%,d more characters", text.length() - DISPLAY_LIMIT + line.dropped()))
                    .append("</summary>")
                    .append(AnsiHtml.html(text.substring(DISPLAY_LIMIT)));
            if (line.cut()) {
                html.append(" <a class=\"cut\" href=\"")
                        .append(HtmlEscape.escapeHtml5Xml(rawUrl))
                        .append("\">the rest of this line is in the raw file</a>");
            }
            html.append("</details>");
        } else {
            html.append(AnsiHtml.html(text));
        }
        html.append("\n</span>");
        return true;
    }
}
