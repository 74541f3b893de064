package org.opencontrail.web.git.clone;

import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;
import org.opencontrail.web.git.http.PipedBody;
import org.opencontrail.web.shared.http.WorkLimits;

/**
 * Git's upload-pack over smart HTTP, stateless as HTTP is: the ref advertisement (protocol v0)
 * or capability list (v2) of {@code info/refs}, and the answer to one request of the client
 * (negotiation and pack, or a v2 command). The pack is streamed as JGit writes it.
 */
@Singleton
final class UploadPacks {

    private final PipedBody bodies;

    UploadPacks(PipedBody bodies) {
        this.bodies = bodies;
    }

    private static UploadPack uploadPack(Repository repository, String gitProtocol) {
        UploadPack pack = new UploadPack(repository);
        pack.setBiDirectionalPipe(false);
        if (gitProtocol != null && !gitProtocol.isBlank()) {
            pack.setExtraParameters(List.of(gitProtocol.split(":")));
        }
        return pack;
    }

    /** The body of {@code GET info/refs?service=git-upload-pack}. */
    byte[] advertisement(Repository repository, String gitProtocol) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        PacketLineOut packets = new PacketLineOut(body);
        packets.writeString("# service=git-upload-pack\n");
        packets.end();
        UploadPack pack = uploadPack(repository, gitProtocol);
        try {
            pack.sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(packets));
        } finally {
            pack.getRevWalk().close();
        }
        return body.toByteArray();
    }

    /** The answer to {@code POST git-upload-pack}, read as JGit writes it. */
    InputStream answer(Repository repository, String gitProtocol, byte[] request, WorkLimits.Permit turn)
            throws IOException {
        return bodies.of(
                "upload-pack of " + repository.getDirectory().getName(),
                turn,
                out -> uploadPack(repository, gitProtocol).upload(new ByteArrayInputStream(request), out, null));
    }
}
