package org.opencontrail.web.logs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The logs.openstack.org layout, written and read back. */
class LogLayoutTest {

    @Test
    void aChangeBuildGoesUnderTheLastTwoDigitsOfItsNumber() {
        assertThat(LogLayout.change(
                        52287,
                        2,
                        "gate",
                        "gate-tempest-devstack-vm-neutron-pg-isolated",
                        "df70dd4e-9b1c-4e77-b1d1-1a2b3c4d5e6f"))
                .isEqualTo("87/52287/2/gate/gate-tempest-devstack-vm-neutron-pg-isolated/df70dd4/");
        assertThat(LogLayout.change(7, 1, "check", "unit", "abcdef0123")).isEqualTo("7/7/1/check/unit/abcdef0/");
    }

    @Test
    void refAndPeriodicBuildsHaveTheirOwnPlaces() {
        String rev = "3e1f7c0b9a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f";
        assertThat(LogLayout.ref(rev, "post", "publish-docs", "0123456789abcdef"))
                .isEqualTo("3e/" + rev + "/post/publish-docs/0123456/");
        assertThat(LogLayout.periodic("periodic", "Juniper/contrail-controller", "R5.0", "nightly", "FEDCBA9876"))
                .isEqualTo("periodic/Juniper/contrail-controller/R5.0/nightly/fedcba9/");
    }

    @Test
    void keysAreReadBackIntoTheirBuild() {
        LogLayout.BuildPath change = LogLayout.parse("87/52287/2/gate/gate-tempest-dsvm/df70dd4/logs/screen-q-svc.txt")
                .orElseThrow();
        assertThat(change.root()).isEqualTo("87/52287/2/gate/gate-tempest-dsvm/df70dd4/");
        assertThat(change.change()).isEqualTo(52287);
        assertThat(change.patchSet()).isEqualTo(2);
        assertThat(change.pipeline()).isEqualTo("gate");
        assertThat(change.job()).isEqualTo("gate-tempest-dsvm");
        assertThat(change.shortUuid()).isEqualTo("df70dd4");
        assertThat(change.path()).isEqualTo("logs/screen-q-svc.txt");

        String rev = "3e1f7c0b9a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f";
        LogLayout.BuildPath ref = LogLayout.parse("3e/" + rev + "/post/publish-docs/0123456/job-output.txt")
                .orElseThrow();
        assertThat(ref.newrev()).isEqualTo(rev);
        assertThat(ref.job()).isEqualTo("publish-docs");

        LogLayout.BuildPath periodic = LogLayout.parse("periodic/Juniper/contrail-controller/R5.0/nightly/fedcba9/")
                .orElseThrow();
        assertThat(periodic.context()).isEqualTo("Juniper/contrail-controller/R5.0");
        assertThat(periodic.job()).isEqualTo("nightly");
        assertThat(periodic.path()).isEmpty();

        assertThat(LogLayout.parse("12/52287/2/gate/job/df70dd4/x"))
                .as("the first folder must end the change number")
                .hasValueSatisfying(p -> assertThat(p.change()).isZero());
        assertThat(LogLayout.parse("README.txt")).isEmpty();
    }

    @Test
    void hostileNamesCannotBendThePath() {
        assertThatThrownBy(() -> LogLayout.change(1, 1, "..", "job", "abcdef0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogLayout.change(1, 1, "check", "a/b", "abcdef0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogLayout.change(1, 1, "check", "job", "../../x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogLayout.periodic("periodic", "../etc", "master", "job", "abcdef0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogLayout.ref("not-a-sha", "post", "job", "abcdef0"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChangeNumberPastWhatGerritGivesIsNoChangeRatherThanAFailure() {
        // these once threw NumberFormatException, and an upload to such a path answered 500
        assertThat(LogLayout.parse("45/99999999999945/1/check/job/abcdef0/x.log"))
                .hasValueSatisfying(p -> assertThat(p.change()).isZero());
        assertThat(LogLayout.parse("45/12345/99999999999/check/job/abcdef0/x.log"))
                .hasValueSatisfying(p -> assertThat(p.change()).isZero());
        assertThat(LogLayout.parse("45/12345/3/check/job/abcdef0/x.log"))
                .hasValueSatisfying(p -> assertThat(p.change()).isEqualTo(12345));
    }
}
