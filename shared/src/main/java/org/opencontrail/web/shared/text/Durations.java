package org.opencontrail.web.shared.text;

import java.time.Duration;

/** Durations as people read them: "45 s", "12 min", "3 h 20 min", "2 d 4 h"; ages of old things in weeks, months or years. */
public final class Durations {

    private Durations() {}

    public static String words(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
        }
        return hours / 24 + " d" + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
    }

    /** How long ago, coarsely, as a history reads it: "5 min", "3 h", "4 d", "3 weeks", "5 months", "2 years". */
    public static String age(Duration duration) {
        long days = Math.max(0, duration.toDays());
        if (days < 1) {
            long seconds = Math.max(0, duration.toSeconds());
            return seconds < 60 ? seconds + " s" : seconds < 3600 ? seconds / 60 + " min" : seconds / 3600 + " h";
        }
        if (days < 14) {
            return days + (days == 1 ? " day" : " days");
        }
        if (days < 60) {
            return days / 7 + " weeks";
        }
        if (days < 730) {
            return days / 30 + " months";
        }
        return days / 365 + " years";
    }
}
