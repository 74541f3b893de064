package org.opencontrail.web.branding;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Everything a page says about whose CI this is: names, links and asset paths. Every default here
 * is OpenContrail's; another project re-brands the suite by setting {@code branding.*} and, for its
 * logo, favicon and colours ({@code logo.svg}, {@code favicon.svg}, {@code brand.css}), a folder
 * named by {@code branding.assets-dir}, without touching code.
 *
 * @param name       the project's name, shown in the header and every title
 * @param tagline    one line under the name on home pages
 * @param reviewUrl  the code review site (Gerrit)
 * @param statusUrl  public URL of status-web
 * @param logsUrl    public URL of logs-web
 * @param gitUrl     public URL of git-web
 * @param homeUrl    the project's home page
 * @param docsUrl    the project's documentation
 * @param logo       path or URL of the header logo
 * @param favicon    path or URL of the favicon
 * @param assetsDir  folder whose files are served under {@code /branding/} ahead of the built-in ones
 */
@ConfigurationProperties("branding")
public record Brand(
        @Bindable(defaultValue = "OpenContrail") String name,

        @Bindable(defaultValue = "Continuous integration of the OpenContrail SDN platform, in the open")
        String tagline,

        @Bindable(defaultValue = "https://review.opencontrail.org")
        String reviewUrl,

        @Bindable(defaultValue = "http://127.0.0.1:8081") String statusUrl,
        @Bindable(defaultValue = "http://127.0.0.1:8082") String logsUrl,
        @Bindable(defaultValue = "http://127.0.0.1:8083") String gitUrl,

        @Bindable(defaultValue = "https://www.opencontrail.org")
        String homeUrl,

        @Bindable(defaultValue = "https://www.opencontrail.org/documentation/")
        String docsUrl,

        @Bindable(defaultValue = "/branding/logo.svg") String logo,
        @Bindable(defaultValue = "/branding/favicon.svg") String favicon,
        @Bindable(defaultValue = "") String assetsDir) {

    /** The public URL of one of the suite's sites. */
    public String urlOf(Site site) {
        return switch (site) {
            case STATUS -> statusUrl;
            case LOGS -> logsUrl;
            case GIT -> gitUrl;
        };
    }

    /**
     * What a page of one of the suite's sites is about when it has no words of its own, for its
     * {@code <meta name="description">}: the site's name and what it holds, then the tagline.
     */
    public String description(Site site) {
        String sentence = tagline.endsWith(".") ? tagline : tagline + ".";
        return name + " " + site.label() + ": " + site.description() + ". " + sentence;
    }

    /** An address on one of the suite's sites: its public URL and a path, such as {@code /change/41234}. */
    public String link(Site site, String path) {
        return under(urlOf(site), path);
    }

    /** An address on the code review site: its URL and a path, such as {@code /c/41234/3}. */
    public String reviewLink(String path) {
        return under(reviewUrl, path);
    }

    /**
     * A base address and a path that starts with a slash, with one slash between them: an operator writes a site's
     * address with or without the slash at its end.
     */
    public static String under(String base, String path) {
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return trimmed + path;
    }
}
