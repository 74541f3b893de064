package org.opencontrail.web.status.infra;

import io.micronaut.http.HttpRequest;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.model.ViewModelProcessor;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;

/** Puts the CI's problems into every page's model, where the brand layout shows them as a banner. */
@Singleton
final class ProblemsInEveryView implements ViewModelProcessor<Map<String, Object>> {

    private final InfraReports reports;

    ProblemsInEveryView(InfraReports reports) {
        this.reports = reports;
    }

    @Override
    public void process(HttpRequest<?> request, ModelAndView<Map<String, Object>> modelAndView) {
        Map<String, Object> model = new HashMap<>(modelAndView.getModel().orElse(Map.of()));
        model.put("siteProblems", reports.report().problems());
        modelAndView.setModel(model);
    }
}
