package org.opencontrail.web.logs.live;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the test's upstreams serve: each build's console text as it is written, whether it has
 * ended, how many connections asked for it, and the faults to play.
 */
@Singleton
@Requires(property = "test.console-upstream", value = "true")
final class ConsoleScripts {

    /** One build's console. */
    static final class Script {
        private final StringBuilder text = new StringBuilder();
        private volatile boolean ended;
        final AtomicInteger connections = new AtomicInteger();
        /** The first connection breaks (Zuul: close 4011) once this many characters are sent; -1: never. */
        volatile int breakAfter = -1;

        synchronized void write(String more) {
            text.append(more);
        }

        synchronized String text() {
            return text.toString();
        }

        void end() {
            ended = true;
        }

        boolean ended() {
            return ended;
        }
    }

    private final Map<String, Script> scripts = new ConcurrentHashMap<>();

    Script of(String uuid) {
        return scripts.computeIfAbsent(uuid, key -> new Script());
    }

    boolean has(String uuid) {
        return scripts.containsKey(uuid);
    }
}
