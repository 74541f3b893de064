package org.opencontrail.web.status.change;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.views.ModelAndView;
import org.opencontrail.web.status.pipeline.Filters;
import org.opencontrail.web.status.pipeline.PipelineRow;
import org.opencontrail.web.status.pipeline.PipelinesPage;
import org.opencontrail.web.status.pipeline.PipelinesPageBuilder;
import org.opencontrail.web.status.pipeline.QueueRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /change/{number}}: the change's facts and every pipeline it is in now; {@code /api/change/{number}} for tools. */
@Controller
final class ChangeController {

    private final ChangeFacts facts;
    private final PipelinesPageBuilder pages;

    ChangeController(ChangeFacts facts, PipelinesPageBuilder pages) {
        this.facts = facts;
        this.pages = pages;
    }

    private ChangePage page(int number) {
        PipelinesPage overview = pages.build(new Filters(null, null, null, null, null, String.valueOf(number), null), Instant.now());
        List<ChangePage.PipelineItem> items = new ArrayList<>();
        for (PipelineRow pipeline : overview.pipelines()) {
            for (QueueRow queue : pipeline.queues()) {
                queue.items().forEach(item -> items.add(new ChangePage.PipelineItem(pipeline.name(), queue.name(), item)));
            }
        }
        return new ChangePage(number, facts.get(number), List.copyOf(items));
    }

    @Get("/change/{number}")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> html(int number) {
        ChangePage page = page(number);
        if (!page.known()) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "No change " + number + " is known here");
        }
        return HttpResponse.ok(new ModelAndView<>("change", Map.of("change", page)));
    }

    @Get("/api/change/{number}")
    @Produces(MediaType.APPLICATION_JSON)
    HttpResponse<?> json(int number) {
        ChangePage page = page(number);
        if (!page.known()) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "No change " + number + " is known here");
        }
        return HttpResponse.ok(ChangeJson.of(page));
    }
}
