package org.opencontrail.web.status.infra;

/** Small Zuul status documents for the CI-health tests: one gate queue, one item, a running job and maybe a waiting one. */
final class StatusJson {

    private StatusJson() {}

    static String status(
            int triggerQueue, int resultQueue, boolean triggerPaused, boolean waitingJob, String runningUuid) {
        String waiting = waitingJob
                ? ",{\"name\":\"contrail-vnc-build\",\"uuid\":null,\"result\":null,\"voting\":true,\"queued\":true,"
                        + "\"start_time\":null,\"elapsed_time\":null,\"dependencies\":[]}"
                : "";
        return """
                {"trigger_event_queue":{"length":%d},"result_event_queue":{"length":%d},"management_event_queue":{"length":0},
                 "state":{"trigger_queue_paused":%b,"result_queue_paused":false},
                 "pipelines":[{"name":"gate","description":"Gating","manager":"dependent","change_queues":[{"name":"contrail","heads":[[
                   {"id":"41001,1","active":true,"live":true,"item_ahead":null,"items_behind":[],"failing_reasons":[],
                    "enqueue_time":1795500000000,"remaining_time":null,"project":"Juniper/contrail-controller",
                    "url":"https://review.example.org/41001",
                    "jobs":[{"name":"contrail-unittest","uuid":"%s","result":null,"voting":true,"start_time":1795500001,
                             "elapsed_time":60000,"remaining_time":120000}%s]}]]}]}]}
                """.formatted(triggerQueue, resultQueue, triggerPaused, runningUuid, waiting);
    }
}
