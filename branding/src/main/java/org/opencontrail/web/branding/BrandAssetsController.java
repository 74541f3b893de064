package org.opencontrail.web.branding;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serves the brand's assets under {@code /branding/}: first from {@code branding.assets-dir} when
 * set (a re-brand drops its logo, favicon and {@code brand.css} there), else the built-in ones.
 */
@Controller("/branding")
final class BrandAssetsController {

    /** Plain relative names only: no "..", no hidden files, no backslashes. */
    private static final Pattern SAFE_PATH =
            Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private static final String BUILT_IN = "classpath:public/branding/";

    private final Optional<Path> assetsDir;
    private final ResourceResolver resources;

    BrandAssetsController(Brand brand, ResourceResolver resources) {
        this.assetsDir = brand.assetsDir().isBlank()
                ? Optional.empty()
                : Optional.of(Path.of(brand.assetsDir()).toAbsolutePath().normalize());
        this.resources = resources;
    }

    @Get(uri = "/{+path}", produces = MediaType.ALL)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> asset(String path) {
        if (!SAFE_PATH.matcher(path).matches()) {
            return HttpResponse.notFound();
        }
        Optional<Path> own = assetsDir
                .map(dir -> dir.resolve(path).normalize())
                .filter(file -> file.startsWith(assetsDir.get()) && Files.isRegularFile(file));
        if (own.isPresent()) {
            return HttpResponse.ok(new SystemFile(own.get().toFile()));
        }
        Optional<URL> builtIn = resources.getResource(BUILT_IN + path);
        return builtIn.<HttpResponse<?>>map(url -> HttpResponse.ok(new StreamedFile(url)))
                .orElseGet(HttpResponse::notFound);
    }
}
