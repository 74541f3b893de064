package org.opencontrail.web.deploy.sandbox.ci;

import java.time.Duration;
import java.util.List;

/**
 * The shape of OpenContrail's real CI (Zuul v3 configuration of 2017-2019): its projects, the
 * templates' job graphs, the shared gate queue, people and branches. Facts, not behaviour.
 */
public final class CiCatalog {

    /** The gate queue most projects share, so that changes that need each other are tested in order. */
    public static final String SHARED_GATE_QUEUE = "contrail-vnc";

    public static final String TENANT = "opencontrail";
    public static final int GATE_WINDOW = 20;
    /**
     * A project the CI tests that Gerrit hides from anonymous readers (fixes under embargo): its
     * changes, builds and logs flow through every source like the others', and no site may show them.
     */
    public static final String HIDDEN_PROJECT = "Juniper/contrail-embargoed";

    /**
     * A job of a pipeline.
     *
     * @param name     job name
     * @param typical  its usual duration
     * @param voting   whether its result counts
     * @param requires jobs it waits for (the job graph)
     * @param failRate chance of a failure on a given run
     * @param nodeset  node label it runs on
     */
    public record JobSpec(
            String name, Duration typical, boolean voting, List<String> requires, double failRate, String nodeset) {}

    /**
     * A project and its jobs.
     *
     * @param name        project name, as Gerrit knows it
     * @param description what it is
     * @param check       jobs of the check pipeline
     * @param gate        jobs of the gate pipeline
     * @param post        jobs after a merge
     * @param gateQueue   the gate's change queue it shares
     */
    public record ProjectSpec(
            String name,
            String description,
            List<JobSpec> check,
            List<JobSpec> gate,
            List<JobSpec> post,
            String gateQueue) {}

    /**
     * A pipeline as its status shows it.
     *
     * @param name        pipeline name
     * @param description what it does
     * @param manager     dependent or independent
     */
    public record PipelineSpec(String name, String description, String manager) {}

    private static JobSpec job(String name, int minutes, double failRate, String nodeset, String... requires) {
        return new JobSpec(name, Duration.ofMinutes(minutes), true, List.of(requires), failRate, nodeset);
    }

    private static JobSpec nonVoting(String name, int minutes, double failRate, String nodeset) {
        return new JobSpec(name, Duration.ofMinutes(minutes), false, List.of(), failRate, nodeset);
    }

    private static final JobSpec UNITTEST =
            job("contrail-vnc-build-unittest-ubuntu-trusty", 45, 0.08, "ubuntu-trusty-builder");
    private static final JobSpec PACKAGE = job("contrail-vnc-build-package-centos74", 40, 0.06, "centos-7-4-builder");
    private static final List<JobSpec> SYSTESTS = List.of(
            PACKAGE,
            job("contrail-build-containers-centos7-ocata", 25, 0.04, "centos-7-4-builder", PACKAGE.name()),
            job("contrail-build-containers-centos7-queens", 25, 0.04, "centos-7-4-builder", PACKAGE.name()),
            job(
                    "contrail-sanity-centos7-kolla-queens",
                    70,
                    0.15,
                    "centos-7-4-builder-xxlarge",
                    "contrail-build-containers-centos7-queens"),
            job(
                    "contrail-sanity-centos7-k8s",
                    55,
                    0.12,
                    "centos-7-4-builder-xxlarge",
                    "contrail-build-containers-centos7-queens"));
    private static final JobSpec TNTESTR =
            nonVoting("contrail-vnc-unittest-centos7-tntestr", 30, 0.3, "centos-7-4-builder");
    private static final JobSpec WEBUI = job("contrail-vnc-unittest-webui", 20, 0.07, "ubuntu-xenial");
    private static final JobSpec LINTERS = job("zuul-jobs-linters", 5, 0.05, "ubuntu-xenial");
    private static final JobSpec VROUTER_UT = job("contrail-vrouter-ut-centos7", 35, 0.08, "centos-7-4-builder");
    private static final JobSpec PUBLISH = job("publish-third-party-packages", 15, 0.02, "centos-7-4-builder");

    private static List<JobSpec> plus(List<JobSpec> jobs, JobSpec... more) {
        return java.util.stream.Stream.concat(jobs.stream(), java.util.stream.Stream.of(more))
                .toList();
    }

    public static List<ProjectSpec> projects() {
        return List.of(
                new ProjectSpec(
                        "Juniper/contrail-controller",
                        "Control plane, config and analytics of the SDN controller",
                        plus(SYSTESTS, UNITTEST, TNTESTR),
                        List.of(PACKAGE, UNITTEST),
                        List.of(),
                        SHARED_GATE_QUEUE),
                new ProjectSpec(
                        "Juniper/contrail-vrouter",
                        "The vRouter kernel module and DPDK forwarding plane",
                        plus(SYSTESTS, VROUTER_UT),
                        List.of(PACKAGE, VROUTER_UT),
                        List.of(),
                        SHARED_GATE_QUEUE),
                new ProjectSpec(
                        "Juniper/contrail-sandesh",
                        "Sandesh, the introspection and messaging protocol",
                        List.of(UNITTEST),
                        List.of(UNITTEST),
                        List.of(),
                        SHARED_GATE_QUEUE),
                new ProjectSpec(
                        "Juniper/contrail-common",
                        "Libraries shared by the controller and the vRouter agent",
                        List.of(UNITTEST),
                        List.of(UNITTEST),
                        List.of(),
                        SHARED_GATE_QUEUE),
                new ProjectSpec(
                        "Juniper/contrail-analytics",
                        "Analytics collector, query engine and alarm generator",
                        plus(SYSTESTS, UNITTEST),
                        List.of(PACKAGE, UNITTEST),
                        List.of(),
                        SHARED_GATE_QUEUE),
                new ProjectSpec(
                        "Juniper/contrail-build",
                        "SCons build tooling for all Contrail components",
                        List.of(UNITTEST),
                        List.of(UNITTEST),
                        List.of(),
                        SHARED_GATE_QUEUE),
                new ProjectSpec(
                        "Juniper/contrail-packages",
                        "Packaging of Contrail for CentOS and Ubuntu",
                        SYSTESTS,
                        List.of(PACKAGE),
                        List.of(),
                        SHARED_GATE_QUEUE),
                new ProjectSpec(
                        "Juniper/contrail-web-core",
                        "Web UI framework",
                        List.of(WEBUI),
                        List.of(WEBUI),
                        List.of(),
                        SHARED_GATE_QUEUE),
                new ProjectSpec(
                        "Juniper/contrail-third-party-packages",
                        "Third-party packages Contrail builds from source",
                        List.of(job("build-third-party-rpms-centos7", 30, 0.05, "centos-7-4-builder")),
                        List.of(job("build-third-party-rpms-centos7", 30, 0.05, "centos-7-4-builder")),
                        List.of(PUBLISH),
                        SHARED_GATE_QUEUE),
                new ProjectSpec(
                        "Juniper/contrail-project-config",
                        "Zuul configuration of the OpenContrail CI",
                        List.of(LINTERS),
                        List.of(LINTERS),
                        List.of(),
                        "contrail-ci"),
                new ProjectSpec(
                        HIDDEN_PROJECT,
                        "Security fixes before their disclosure",
                        List.of(UNITTEST),
                        List.of(UNITTEST),
                        List.of(),
                        SHARED_GATE_QUEUE));
    }

    /** A project of a real Gerrit that the catalog does not name (Zuul mode): unit tests and linters, in the shared gate queue. */
    public static ProjectSpec defaultProject(String name) {
        return new ProjectSpec(name, "", List.of(UNITTEST, LINTERS), List.of(UNITTEST), List.of(), SHARED_GATE_QUEUE);
    }

    public static List<PipelineSpec> pipelines() {
        return List.of(
                new PipelineSpec(
                        "check",
                        "Newly uploaded patchsets enter this pipeline to receive an initial +/-1 Verified vote.",
                        "independent"),
                new PipelineSpec(
                        "gate",
                        "Changes that have been approved by core reviewers are enqueued in order in this pipeline, "
                                + "and if they pass tests, will be merged.",
                        "dependent"),
                new PipelineSpec(
                        "post", "This pipeline runs jobs that operate after each change is merged.", "independent"),
                new PipelineSpec(
                        "periodic-nightly",
                        "Jobs in this queue are triggered every night: nightly builds and publishing of containers.",
                        "independent"),
                new PipelineSpec(
                        "experimental",
                        "On-demand pipeline for experimental jobs, run by a \"check experimental\" comment.",
                        "independent"));
    }

    /** The nightly pipeline's jobs, on master of contrail-controller. */
    public static List<JobSpec> nightly() {
        return SYSTESTS;
    }

    public static List<String> developers() {
        return List.of(
                "Ananth Suryanarayana",
                "Sachin Bansal",
                "Pedro Marques",
                "Hari Prasad Killi",
                "Nischal Sheth",
                "Megh Bhatt",
                "Raja Sivaramakrishnan",
                "Andrey Pavlov",
                "Sundaresan Rajangam",
                "Ignatious Johnson");
    }

    public static List<String> subjects() {
        return List.of(
                "Fix crash in BGP peer close when the RIB is empty",
                "Add support for EVPN type-5 routes",
                "vrouter: handle MPLSoUDP fragments on the DPDK path",
                "Sandesh: drop messages larger than the configured limit",
                "analytics: make the alarm generator partition count configurable",
                "Use the introspect port from the config file",
                "Update kolla images to queens",
                "Fix flaky test_vn_policy in contrail-test",
                "config: validate the virtual-network's route targets",
                "Remove dead code in the XMPP channel",
                "agent: retry the netlink socket on ENOBUFS",
                "Bump the third-party gRPC package to 1.8",
                "webui: show the BGP-as-a-service sessions",
                "build: stop using the deprecated SCons env.Copy",
                "Add a timeout to the schema transformer's ZooKeeper lock");
    }

    public static List<String> branches() {
        return List.of("master", "master", "master", "master", "R5.0");
    }

    private CiCatalog() {}
}
