package org.opencontrail.web.logs.anomaly;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencontrail.web.branding.Pages;
import org.opencontrail.web.logs.store.StoreKeys;
import org.opencontrail.web.logs.urls.LogsUrls;

/** {@code /anomalies/PATH}: what a log says that passing runs of its job do not; {@code /api/anomalies/PATH} for tools. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class AnomaliesController {

    private final Anomalies anomalies;

    private final Pages views;

    AnomaliesController(Anomalies anomalies, Pages views) {
        this.views = views;
        this.anomalies = anomalies;
    }

    private Anomalies.Report report(String path) throws IOException {
        String key = StoreKeys.check(path);
        return anomalies
                .of(key)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No file " + key + " is stored here"));
    }

    @Get(uri = "/api/anomalies/{+path}", produces = MediaType.APPLICATION_JSON)
    Anomalies.Report api(@PathVariable String path) throws IOException {
        return report(path);
    }

    @Get("/anomalies/{+path}")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> page(HttpRequest<?> request, @PathVariable String path) throws IOException {
        Anomalies.Report report = report(path);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("report", report);
        model.put("logUrl", LogsUrls.file(report.key()));
        model.put("firstUrl", LogsUrls.line(report.key(), report.first()));
        return views.ok("anomalies", model, request);
    }
}
