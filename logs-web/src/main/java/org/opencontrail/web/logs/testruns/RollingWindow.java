package org.opencontrail.web.logs.testruns;

/**
 * The mean and standard deviation of the last {@code size} values, as openstack-health drew a
 * test's run time (its last 20 runs).
 */
final class RollingWindow {

    private final double[] values;
    private int filled;
    private int next;

    RollingWindow(int size) {
        this.values = new double[size];
    }

    void add(double value) {
        values[next] = value;
        next = (next + 1) % values.length;
        filled = Math.min(values.length, filled + 1);
    }

    boolean empty() {
        return filled == 0;
    }

    double mean() {
        double sum = 0;
        for (int i = 0; i < filled; i++) {
            sum += values[i];
        }
        return filled == 0 ? 0 : sum / filled;
    }

    double spread() {
        double mean = mean();
        double sum = 0;
        for (int i = 0; i < filled; i++) {
            sum += (values[i] - mean) * (values[i] - mean);
        }
        return filled == 0 ? 0 : Math.sqrt(sum / filled);
    }
}
