package org.opencontrail.web.git.home;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.views.View;

import java.util.Map;

/** The site's front page. */
@Controller
final class HomeController {

    @Get
    @Produces(MediaType.TEXT_HTML)
    @View("home")
    Map<String, Object> home() {
        return Map.of();
    }
}
