package org.opencontrail.web.logs.builds;

import java.util.Map;
import java.util.Set;

/**
 * Builds were matched against the known failures.
 *
 * @param signaturesByBuild each build's matching signatures, by uuid (empty sets for builds none matched)
 * @param everyBuild        every build was matched again (a start, a signature changed): what is not
 *                          here matches nothing
 */
public record KnownFailuresMatched(Map<String, Set<String>> signaturesByBuild, boolean everyBuild) {

    public KnownFailuresMatched {
        signaturesByBuild = Map.copyOf(signaturesByBuild);
    }
}
