package org.opencontrail.web.shared.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.signature.Signature;
import org.opencontrail.web.shared.testing.Mutations;

/**
 * A known_hosts file as operators keep them: hand-edited, with comments, markers, hashed names,
 * wrapped or cut lines. Whatever is in it, reading it never throws: a line that cannot be read is
 * one that names no key, as OpenSSH skips it, and every algorithm is still offered.
 */
class KnownHostsFuzzTest {

    private static final List<String> LINES = List.of(
            "review.opencontrail.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
            "[review.opencontrail.org]:29418 ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=",
            "|1|JfKTdBh7rNbXkVAQCRp4OQoPfmI=|USECr3SWf1JUPsms5AqfD5QfxkM= ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC",
            "@cert-authority *.opencontrail.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
            "@revoked review.opencontrail.org ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC",
            "# the review server, added by hand",
            "");

    private final List<NamedFactory<Signature>> algorithms =
            List.copyOf(ClientBuilder.builder().build().getSignatureFactories());

    @Provide
    Arbitrary<List<String>> files() {
        return Arbitraries.oneOf(Mutations.ofText(LINES), Mutations.anyText())
                .list()
                .ofMaxSize(8);
    }

    @Property
    void anyFileIsReadWithoutAnExceptionAndEveryAlgorithmIsStillOffered(@ForAll("files") List<String> lines)
            throws IOException {
        Path file = Files.createTempFile("known_hosts", "");
        try {
            Files.write(
                    file,
                    String.join("\n", lines)
                            .getBytes(StandardCharsets.UTF_8)); // lone surrogates become '?', as editors write them
            KnownHosts knownHosts = new KnownHosts(Optional.of(file), false);

            List<NamedFactory<Signature>> offered = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                try {
                    return knownHosts.preferredFor("review.opencontrail.org", 29418, algorithms);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });

            assertThat(offered).containsExactlyInAnyOrderElementsOf(algorithms);
        } finally {
            Files.delete(file);
        }
    }
}
