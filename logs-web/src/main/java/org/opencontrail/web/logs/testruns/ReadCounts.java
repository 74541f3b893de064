package org.opencontrail.web.logs.testruns;

/**
 * What reading one result file came to.
 *
 * @param results   tests read with a final status
 * @param damaged   bytes (subunit) or elements (JUnit) that could not be read: a torn or corrupted
 *                  stream keeps what was read before and after the damage, and counts what was lost
 * @param truncated whether the file ended in the middle of a packet or element
 * @param problem   what was wrong, in words; empty when nothing was
 */
public record ReadCounts(long results, long damaged, boolean truncated, String problem) {

    public static final ReadCounts NONE = new ReadCounts(0, 0, false, "");

    public ReadCounts plus(ReadCounts other) {
        return new ReadCounts(
                results + other.results,
                damaged + other.damaged,
                truncated || other.truncated,
                problem.isEmpty() ? other.problem : problem);
    }
}
