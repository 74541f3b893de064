package org.opencontrail.web.logs.store;

import java.io.IOException;
import java.nio.file.Path;
import org.opencontrail.web.shared.io.ChangingFile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * S3 credentials from a file in the AWS shared credentials format ({@code [default]},
 * {@code aws_access_key_id}, {@code aws_secret_access_key}, optionally {@code aws_session_token}),
 * read again when the file changes: rotated keys are used from the next request on, no restart.
 */
final class FileCredentials implements AwsCredentialsProvider {

    private static final String PROFILE = "default";

    private final ChangingFile<AwsCredentials> file;

    FileCredentials(Path path) {
        this.file = new ChangingFile<>(path, FileCredentials::parse);
    }

    @Override
    public AwsCredentials resolveCredentials() {
        try {
            return file.get();
        } catch (IOException | IllegalArgumentException e) {
            throw SdkClientException.create(
                    "cannot read the S3 credentials file " + file.path() + ": " + e.getMessage(), e);
        }
    }

    private static AwsCredentials parse(Path path) throws IOException {
        ProfileFile profiles = ProfileFile.builder()
                .content(path)
                .type(ProfileFile.Type.CREDENTIALS)
                .build();
        Profile profile =
                profiles.profile(PROFILE).orElseThrow(() -> new IOException("no [" + PROFILE + "] profile in " + path));
        String key = profile.property("aws_access_key_id")
                .orElseThrow(() -> new IOException("no aws_access_key_id in " + path));
        String secret = profile.property("aws_secret_access_key")
                .orElseThrow(() -> new IOException("no aws_secret_access_key in " + path));
        return profile.property("aws_session_token")
                .<AwsCredentials>map(token -> AwsSessionCredentials.create(key, secret, token))
                .orElseGet(() -> AwsBasicCredentials.create(key, secret));
    }

    @Override
    public String toString() {
        return "credentials file " + file.path(); // never the keys
    }
}
