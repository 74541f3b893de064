package org.opencontrail.web.logs.store;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The S3 side of the store, used when {@code logs.s3.endpoint} is set.
 *
 * @param endpoint  the S3 (or S3-compatible) endpoint, e.g. {@code https://s3.eu-west-1.amazonaws.com}
 * @param bucket    the bucket, created when missing
 * @param region    the region to sign for
 * @param pathStyle bucket in the path rather than the host name (what S3-compatible servers need)
 * @param accessKey an access key; without it (and without a credentials file) the SDK's default chain
 *                  (environment, profile, instance role)
 * @param secretKey its secret
 * @param credentialsFile a file in the AWS credentials format, read again when it changes (rotation without restart)
 */
@ConfigurationProperties("logs.s3")
public record S3Settings(
        @Nullable String endpoint,
        @Bindable(defaultValue = "logs") String bucket,
        @Bindable(defaultValue = "us-east-1") String region,
        @Bindable(defaultValue = "true") boolean pathStyle,
        @Nullable String accessKey,
        @Nullable String secretKey,
        @Nullable String credentialsFile) {

    public boolean configured() {
        return endpoint != null && !endpoint.isBlank();
    }
}
