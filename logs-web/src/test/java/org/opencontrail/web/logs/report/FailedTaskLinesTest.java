package org.opencontrail.web.logs.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a job-output.json's failed tasks said, at their lines in the file: the failed task's message
 * and output lines, a failed loop item's, never a passing task's; a file cut short keeps what came
 * before the damage.
 */
class FailedTaskLinesTest {

    /** As Zuul's zuul_json callback writes it: indented by two. */
    private static final String OUTPUT = """
            [
              {
                "phase": "run",
                "playbook": "playbooks/unittest.yaml",
                "plays": [
                  {
                    "play": {"name": "all"},
                    "tasks": [
                      {
                        "task": {"name": "Install"},
                        "hosts": {
                          "primary": {
                            "changed": true,
                            "stdout_lines": [
                              "fatal: a passing task says this"
                            ]
                          }
                        }
                      },
                      {
                        "task": {"name": "Run tests"},
                        "hosts": {
                          "primary": {
                            "failed": true,
                            "rc": 2,
                            "msg": "non-zero return code",
                            "stdout": "collected 212 items\\nfatal: Could not read from remote repository.",
                            "stdout_lines": [
                              "collected 212 items",
                              "fatal: Could not read from remote repository."
                            ],
                            "stderr": "make: *** [test] Error 2"
                          }
                        }
                      },
                      {
                        "task": {"name": "Fetch"},
                        "hosts": {
                          "primary": {
                            "failed": true,
                            "results": [
                              {"item": "a", "rc": 0, "stdout_lines": ["fetched a"]},
                              {"item": "b", "rc": 128, "failed": true, "stdout_lines": ["error: b is gone"]}
                            ]
                          }
                        }
                      }
                    ]
                  }
                ],
                "stats": {"primary": {"ok": 1, "changed": 1, "failures": 2}}
              }
            ]
            """;

    private static List<FailedTaskLines.Line> lines(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return FailedTaskLines.of(() -> new ByteArrayInputStream(bytes), 1 << 20);
    }

    private static long lineOf(String needle) {
        List<String> lines = OUTPUT.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle);
    }

    @Test
    void theFailedTasksMessageAndOutputAreTakenAtTheirLines() throws IOException {
        List<FailedTaskLines.Line> lines = lines(OUTPUT);
        assertThat(lines)
                .containsExactly(
                        new FailedTaskLines.Line(lineOf("\"msg\""), "non-zero return code"),
                        new FailedTaskLines.Line(lineOf("\"collected 212 items\","), "collected 212 items"),
                        new FailedTaskLines.Line(
                                lineOf("\"fatal: Could not read from remote repository.\""),
                                "fatal: Could not read from remote repository."),
                        new FailedTaskLines.Line(lineOf("\"stderr\""), "make: *** [test] Error 2"),
                        new FailedTaskLines.Line(lineOf("error: b is gone"), "error: b is gone"));
    }

    @Test
    void aFileCutShortKeepsWhatCameBeforeAndAPassingBuildGivesNothing() throws IOException {
        assertThat(lines(OUTPUT.substring(0, OUTPUT.indexOf("\"task\": {\"name\": \"Fetch\"}"))))
                .as("the report cannot tell which failed without the stats: nothing")
                .isEmpty();
        assertThat(lines(OUTPUT.replace("\"failures\": 2", "\"failures\": 0"))).isEmpty();
        assertThat(lines("not json at all")).isEmpty();
    }
}
