package org.opencontrail.web.logs.files;

import java.util.ArrayList;
import java.util.List;
import org.opencontrail.web.logs.urls.LogsUrls;

/**
 * One step of a path's breadcrumb: {@code 45 / 91245 / 3 / check / JOB / UUID7 / logs / file}.
 *
 * @param name the folder or file name
 * @param url  where it is
 */
public record Crumb(String name, String url) {

    static List<Crumb> of(String key) {
        List<Crumb> crumbs = new ArrayList<>();
        String[] parts = key.split("/");
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            path.append(i == 0 ? "" : "/").append(parts[i]);
            boolean folder = i < parts.length - 1 || key.endsWith("/");
            crumbs.add(new Crumb(parts[i], folder ? LogsUrls.folder(path.toString()) : LogsUrls.file(path.toString())));
        }
        return List.copyOf(crumbs);
    }
}
