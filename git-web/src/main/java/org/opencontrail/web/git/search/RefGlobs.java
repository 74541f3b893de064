package org.opencontrail.web.git.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Which refs of a repository are indexed ({@code git.search.refs}): globs of full names, each
 * optionally keeping only its N newest ({@code refs/tags/*~5}). A ref that does not lead to a
 * commit (a tag of a blob) is not indexed.
 */
final class RefGlobs {

    private record Glob(Pattern names, int newest) {}

    private final List<Glob> globs = new ArrayList<>();

    RefGlobs(List<String> settings) {
        for (String setting : settings) {
            String glob = setting.strip();
            int newest = Integer.MAX_VALUE;
            int tilde = glob.lastIndexOf('~');
            if (tilde > 0 && glob.substring(tilde + 1).matches("\\d+")) {
                newest = Integer.parseInt(glob.substring(tilde + 1));
                glob = glob.substring(0, tilde);
            }
            if (glob.isEmpty()) {
                continue;
            }
            StringBuilder regex = new StringBuilder();
            for (String part : glob.split("\\*", -1)) {
                if (regex.length() > 0) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(part));
            }
            globs.add(new Glob(Pattern.compile(regex.toString()), newest));
        }
    }

    /** The refs to index: full name, commit. */
    Map<String, String> of(Repository repository) throws IOException {
        Map<String, String> chosen = new TreeMap<>();
        List<Ref> refs = repository.getRefDatabase().getRefsByPrefix(Constants.R_REFS);
        try (RevWalk walk = new RevWalk(repository)) {
            for (Glob glob : globs) {
                List<RevCommit> commits = new ArrayList<>();
                List<String> names = new ArrayList<>();
                for (Ref ref : refs) {
                    if (!glob.names().matcher(ref.getName()).matches()) {
                        continue;
                    }
                    ObjectId id = ref.getObjectId();
                    if (id == null) {
                        continue;
                    }
                    RevObject peeled = walk.peel(walk.parseAny(id));
                    if (peeled instanceof RevCommit commit) {
                        walk.parseHeaders(commit);
                        commits.add(commit);
                        names.add(ref.getName());
                    }
                }
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < commits.size(); i++) {
                    order.add(i);
                }
                order.sort(Comparator.comparingInt((Integer i) -> commits.get(i).getCommitTime())
                        .reversed()
                        .thenComparing(names::get));
                for (int i = 0; i < order.size() && i < glob.newest(); i++) {
                    chosen.put(
                            names.get(order.get(i)), commits.get(order.get(i)).name());
                }
            }
        }
        return chosen;
    }

    /** A ref as people name it: a branch by its name, a tag as {@code tags/NAME}. */
    static String shortName(String ref) {
        if (ref.startsWith(Constants.R_HEADS)) {
            return ref.substring(Constants.R_HEADS.length());
        }
        return ref.startsWith(Constants.R_REFS) ? ref.substring(Constants.R_REFS.length()) : ref;
    }

    /** The name a link to a file uses for the ref: a branch or a tag by its own name. */
    static String revision(String ref) {
        if (ref.startsWith(Constants.R_TAGS)) {
            return ref.substring(Constants.R_TAGS.length());
        }
        return shortName(ref);
    }
}
