package org.opencontrail.web.logs.view;

import java.util.ArrayList;
import java.util.List;

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
            crumbs.add(new Crumb(parts[i], "/" + LogViewController.encode(path.toString()) + (folder ? "/" : "")));
        }
        return List.copyOf(crumbs);
    }
}
