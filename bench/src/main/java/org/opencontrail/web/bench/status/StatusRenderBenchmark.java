package org.opencontrail.web.bench.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.opencontrail.web.branding.Pages;
import org.opencontrail.web.shared.json.ForeignJson;
import org.opencontrail.web.shared.source.SourceRegistry;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot;
import org.opencontrail.web.shared.zuul.status.ZuulStatusParser;
import org.opencontrail.web.shared.zuul.status.ZuulStatusWriter;
import org.opencontrail.web.status.pipeline.Filters;
import org.opencontrail.web.status.pipeline.PipelineState;
import org.opencontrail.web.status.pipeline.PipelinesPageBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Server-side cost of status-web's two answers for the busiest real status (49 items, 398 jobs):
 * the whole overview page as HTML and {@code /api/status} as JSON. The anchor beside them is what
 * every poll of Zuul's own page costs before any drawing: Zuul writing the same status.json and
 * the browser parsing it (Jackson both ways here, which is faster than Python and JavaScript).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StatusRenderBenchmark {

    static final String FIXTURE = "/zuul/v2-status-openstack-2013-09-27-busy-gate.json";

    private ApplicationContext context;
    private PipelinesPageBuilder pages;
    /** The overview's request, as a browser makes it: the page is rendered as the site renders it for one. */
    private static final HttpRequest<?> HOME = HttpRequest.GET("/");

    private Pages templates;
    private SourceRegistry sources;
    private ZuulSnapshot snapshot;
    private final ZuulStatusWriter writer = new ZuulStatusWriter(io.micronaut.json.JsonMapper.createDefault());
    private byte[] raw;
    private JsonNode tree;

    static byte[] fixture() throws IOException {
        try (InputStream in = StatusRenderBenchmark.class.getResourceAsStream(FIXTURE)) {
            return in.readAllBytes();
        }
    }

    @Setup(Level.Trial)
    public void start() throws IOException {
        context = ApplicationContext.run(Map.of("micronaut.server.port", -1, "logger.levels.root", "WARN"));
        raw = fixture();
        tree = ForeignJson.tree(raw);
        snapshot = new ZuulStatusParser().parse(new ByteArrayInputStream(raw));
        context.getBean(PipelineState.class).onEvent(snapshot);
        pages = context.getBean(PipelinesPageBuilder.class);
        templates = context.getBean(Pages.class);
        sources = context.getBean(SourceRegistry.class);
    }

    @TearDown(Level.Trial)
    public void stop() {
        context.close();
    }

    /** The overview page of every pipeline, built and rendered through the brand layout. */
    @Benchmark
    public String overviewHtml() {
        Map<String, Object> model = Map.of(
                "page",
                pages.build(Filters.none(), Instant.now()),
                "feeds",
                sources.feeds(),
                "streamSince",
                0L,
                "serverNow",
                System.currentTimeMillis());
        return templates.render("home", model, HOME);
    }

    /** The overview's model alone (rows, states, estimates), without rendering. */
    @Benchmark
    public Object overviewModel() {
        return pages.build(Filters.none(), Instant.now());
    }

    /** {@code /api/status}: the same status as Zuul v3 JSON. */
    @Benchmark
    public String statusJson() {
        return writer.write(snapshot);
    }

    /** Anchor: one poll of Zuul's page, the status.json written by the server and parsed by the browser. */
    @Benchmark
    public JsonNode zuulPollAnchor() throws IOException {
        return ForeignJson.tree(ForeignJson.write(tree));
    }
}
