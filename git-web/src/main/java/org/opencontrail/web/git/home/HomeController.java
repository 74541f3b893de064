package org.opencontrail.web.git.home;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.views.View;
import org.opencontrail.web.shared.source.SourceRegistry;

import java.util.Map;

/** The site's front page, with the state of the CI feeds it runs on. */
@Controller
final class HomeController {

    private final SourceRegistry sources;

    HomeController(SourceRegistry sources) {
        this.sources = sources;
    }

    @Get
    @Produces(MediaType.TEXT_HTML)
    @View("home")
    Map<String, Object> home() {
        return Map.of("feeds", sources.feeds());
    }
}
