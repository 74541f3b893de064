package org.opencontrail.web.status.change;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.HttpStatusException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencontrail.web.branding.BrandDialect;
import org.opencontrail.web.branding.Pages;
import org.opencontrail.web.status.facts.ChangeFacts;
import org.opencontrail.web.status.pipeline.Filters;
import org.opencontrail.web.status.pipeline.ItemRow;
import org.opencontrail.web.status.pipeline.PipelineRow;
import org.opencontrail.web.status.pipeline.PipelinesPage;
import org.opencontrail.web.status.pipeline.PipelinesPageBuilder;
import org.opencontrail.web.status.pipeline.QueueRow;

/** {@code /change/{number}}: the change's facts and every pipeline it is in now; {@code /api/change/{number}} for tools. */
@Controller
final class ChangeController {

    private final ChangeFacts facts;
    private final PipelinesPageBuilder pages;
    private final PipelineRuns runs;
    private final DependencyGroups groups;

    private final Pages views;

    private final Clock clock;

    ChangeController(
            ChangeFacts facts,
            PipelinesPageBuilder pages,
            PipelineRuns runs,
            DependencyGroups groups,
            Pages views,
            Clock clock) {
        this.clock = clock;
        this.views = views;
        this.facts = facts;
        this.pages = pages;
        this.runs = runs;
        this.groups = groups;
    }

    /**
     * What the site knows of a change, for its page and its JSON alike.
     *
     * @param number change number
     * @param facts  what Gerrit's stream said
     * @param items  its items in the pipelines now
     * @param runs   its runs, newest first
     * @param group  the changes that go with it
     * @param now    when it was gathered
     */
    private record Known(
            int number,
            Optional<ChangeFacts.Change> facts,
            List<ChangePage.PipelineItem> items,
            List<PipelineRuns.Run> runs,
            DependencyGroup group,
            Instant now) {

        boolean any() {
            return facts.isPresent() || !items.isEmpty() || !runs.isEmpty();
        }
    }

    private Known gather(int number) {
        Instant now = clock.instant();
        PipelinesPage overview = pages.build(Filters.none(), now);
        Map<Integer, List<ChangePage.PipelineItem>> byChange = new HashMap<>();
        for (PipelineRow pipeline : overview.pipelines()) {
            for (QueueRow queue : pipeline.queues()) {
                for (ItemRow item : queue.items()) {
                    parse(item.changeNumber())
                            .ifPresent(n -> byChange.computeIfAbsent(n, k -> new ArrayList<>())
                                    .add(new ChangePage.PipelineItem(pipeline.name(), queue.name(), item)));
                }
            }
        }
        List<ChangePage.PipelineItem> items = byChange.getOrDefault(number, List.of());
        List<PipelineRuns.Run> history = new ArrayList<>(runs.of(number));
        Collections.reverse(history);
        DependencyGroup group = groups.of(
                number,
                n -> byChange.getOrDefault(n, List.of()).stream()
                        .map(i -> i.pipeline() + ": " + i.item().state())
                        .toList());
        Known known = new Known(number, facts.get(number), List.copyOf(items), List.copyOf(history), group, now);
        if (!known.any()) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "No change " + number + " is known here");
        }
        return known;
    }

    private static Optional<Integer> parse(String number) {
        try {
            return number.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(number));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Get("/change/{number}")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> html(HttpRequest<?> request, int number) {
        Known known = gather(number);
        ChangePage page =
                ChangePage.of(known.number(), known.facts(), known.items(), known.runs(), known.group(), known.now());
        return views.ok("change", Map.of("change", page, BrandDialect.PAGE_DESCRIPTION, page.description()), request);
    }

    @Get("/api/change/{number}")
    @Produces(MediaType.APPLICATION_JSON)
    HttpResponse<?> json(int number) {
        Known known = gather(number);
        return HttpResponse.ok(
                ChangeJson.of(known.number(), known.facts(), known.items(), known.runs(), known.group()));
    }
}
