package org.opencontrail.web.git.browse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/** Which branches and tags point at which commit (tags peeled), for labels in lists. */
final class Decorations {

    private Decorations() {}

    static Map<ObjectId, List<String>> of(Repository repository) throws IOException {
        Map<ObjectId, List<String>> labels = new HashMap<>();
        for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS, Constants.R_TAGS)) {
            Ref peeled = ref.isPeeled() ? ref : repository.getRefDatabase().peel(ref);
            ObjectId id = peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : peeled.getObjectId();
            if (id != null) {
                labels.computeIfAbsent(id.copy(), k -> new ArrayList<>()).add(Repository.shortenRefName(ref.getName()));
            }
        }
        return labels;
    }
}
