package org.opencontrail.web.logs.failures;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * Known failures: where their signatures are and who may add them.
 *
 * @param dir          folder of elastic-recheck YAML files, one per bug ({@code 1260311.yaml}); empty: {@code signatures} in {@code logs.dir}
 * @param reload       how often the folder is looked at for changes
 * @param bugUrl       the bug a signature's id names, {@code {id}} replaced; empty: no link
 * @param reviewTokens tokens that may accept a proposed signature; none: the upload tokens
 */
@ConfigurationProperties("logs.signatures")
public record SignatureSettings(
        @Nullable String dir,
        @Bindable(defaultValue = "5s") Duration reload,

        @Bindable(defaultValue = "https://bugs.launchpad.net/bugs/{id}")
        String bugUrl,

        @Nullable List<String> reviewTokens) {}
