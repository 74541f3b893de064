package org.opencontrail.web.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Quantiles of measured values by the nearest-rank method, for every benchmark's p50 and p99. */
public final class Quantiles {

    private Quantiles() {}

    /** The value below which {@code quantile} of them lie (nearest rank); NaN for none. */
    public static double of(List<? extends Number> values, double quantile) {
        List<Double> sorted = new ArrayList<>(values.size());
        values.forEach(v -> sorted.add(v.doubleValue()));
        Collections.sort(sorted);
        return sorted.isEmpty()
                ? Double.NaN
                : sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)));
    }
}
