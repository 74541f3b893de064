package org.opencontrail.web.logs.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The store in an S3 bucket. Each object carries its type, {@code Content-Encoding: gzip} (so the
 * bucket may also be served directly) and its inflated size as user metadata.
 */
public final class S3LogStore implements LogStore {

    private static final Logger LOG = LoggerFactory.getLogger(S3LogStore.class);
    private static final String SIZE = "original-size";

    private final S3Client s3;
    private final S3Settings settings;
    private final GzipSpool spool;
    private final Path spoolDir;
    private final Clock clock;

    public S3LogStore(S3Settings settings, StoreLimits limits, Path spoolDir, Clock clock) throws IOException {
        this.settings = settings;
        this.clock = clock;
        this.spool = new GzipSpool(limits);
        this.spoolDir = spoolDir;
        Files.createDirectories(spoolDir);
        this.s3 = S3Client.builder()
                .endpointOverride(URI.create(settings.endpoint()))
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials(settings))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .build();
        ensureBucket();
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.credentialsFile() != null && !settings.credentialsFile().isBlank()) {
            return new FileCredentials(Path.of(settings.credentialsFile()));
        }
        if (settings.accessKey() != null && !settings.accessKey().isBlank()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private void ensureBucket() throws IOException {
        try {
            s3.headBucket(b -> b.bucket(settings.bucket()));
        } catch (NoSuchBucketException e) {
            create();
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw new IOException(
                        "bucket " + settings.bucket() + " at " + settings.endpoint() + ": " + e.getMessage(), e);
            }
            create();
        }
    }

    private void create() {
        try {
            s3.createBucket(b -> b.bucket(settings.bucket()));
            LOG.info("Created bucket {} at {}", settings.bucket(), settings.endpoint());
        } catch (S3Exception e) {
            // replicas starting at once: another made it between our look and our making; ours if we may read it
            if (e.statusCode() != 409) {
                throw e;
            }
            s3.headBucket(b -> b.bucket(settings.bucket()));
        }
    }

    /**
     * Asks the bucket to expire objects itself after {@code days}; the retention sweep still runs,
     * for servers that do not keep lifecycle rules. Returns whether the server took the rule.
     */
    public boolean expireAfterDays(int days) {
        try {
            s3.putBucketLifecycleConfiguration(b -> b.bucket(settings.bucket())
                    .lifecycleConfiguration(BucketLifecycleConfiguration.builder()
                            .rules(LifecycleRule.builder()
                                    .id("logs-retention")
                                    .filter(LifecycleRuleFilter.builder()
                                            .prefix("")
                                            .build())
                                    .status(ExpirationStatus.ENABLED)
                                    .expiration(LifecycleExpiration.builder()
                                            .days(days)
                                            .build())
                                    .build())
                            .build()));
            return true;
        } catch (S3Exception e) {
            LOG.info(
                    "The S3 server keeps no lifecycle rule ({}); the retention sweep removes old builds",
                    e.awsErrorDetails().errorCode());
            return false;
        }
    }

    @Override
    public StoredObject put(String key, InputStream content, String contentType) throws IOException {
        StoreKeys.check(key);
        String type = contentType == null || contentType.isBlank() ? ContentTypes.guess(key) : contentType;
        GzipSpool.Spooled spooled = spool.spool(content, spoolDir);
        try {
            s3.putObject(
                    b -> b.bucket(settings.bucket())
                            .key(key)
                            .contentType(type)
                            .contentEncoding("gzip")
                            .contentLength(spooled.storedSize())
                            .metadata(Map.of(SIZE, Long.toString(spooled.size()))),
                    RequestBody.fromFile(spooled.file()));
        } catch (S3Exception e) {
            throw new IOException("storing " + key + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(spooled.file());
        }
        // S3's answer to a put carries no time; the bucket's own Last-Modified is within moments of this.
        return new StoredObject(key, spooled.size(), spooled.storedSize(), type, clock.instant());
    }

    @Override
    public Optional<StoredObject> head(String key) throws IOException {
        StoreKeys.check(key);
        try {
            return Optional.of(
                    describe(key, s3.headObject(b -> b.bucket(settings.bucket()).key(key))));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("reading " + key + ": " + e.getMessage(), e);
        }
    }

    private static StoredObject describe(String key, HeadObjectResponse head) {
        long size = Optional.ofNullable(head.metadata().get(SIZE))
                .map(Long::parseLong)
                .orElse(-1L);
        String type = Optional.ofNullable(head.contentType()).orElse(ContentTypes.guess(key));
        return new StoredObject(key, size, head.contentLength(), type, head.lastModified());
    }

    @Override
    public Optional<InputStream> openStored(String key) throws IOException {
        StoreKeys.check(key);
        try {
            return Optional.of(s3.getObject(b -> b.bucket(settings.bucket()).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("reading " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Listing list(String prefix) throws IOException {
        String folder = StoreKeys.folder(prefix);
        List<String> folders = new ArrayList<>();
        List<StoredObject> files = new ArrayList<>();
        try {
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
                    .bucket(settings.bucket())
                    .prefix(folder)
                    .delimiter("/")
                    .build())) {
                for (CommonPrefix common : page.commonPrefixes()) {
                    folders.add(common.prefix().substring(folder.length()));
                }
                for (S3Object object : page.contents()) {
                    if (!object.key().equals(folder)) {
                        // the listing lacks the inflated size and type: one HEAD each (a build folder holds tens of
                        // files)
                        head(object.key()).ifPresent(files::add);
                    }
                }
            }
        } catch (S3Exception e) {
            throw new IOException("listing " + folder + ": " + e.getMessage(), e);
        }
        folders.sort(Comparator.naturalOrder());
        files.sort(Comparator.comparing(StoredObject::key));
        return new Listing(folder, List.copyOf(folders), List.copyOf(files));
    }

    @Override
    public void walk(String prefix, Consumer<StoredObject> visitor) throws IOException {
        String folder = StoreKeys.folder(prefix);
        List<StoredObject> found = new ArrayList<>();
        try {
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
                    .bucket(settings.bucket())
                    .prefix(folder)
                    .build())) {
                for (S3Object object : page.contents()) {
                    found.add(new StoredObject(object.key(), -1, object.size(), "", object.lastModified()));
                }
            }
        } catch (S3Exception e) {
            throw new IOException("listing " + folder + ": " + e.getMessage(), e);
        }
        found.forEach(visitor);
    }

    @Override
    public int delete(String keyOrFolder) throws IOException {
        if (!keyOrFolder.isEmpty() && !keyOrFolder.endsWith("/")) {
            StoreKeys.check(keyOrFolder);
            boolean existed = head(keyOrFolder).isPresent();
            s3.deleteObject(b -> b.bucket(settings.bucket()).key(keyOrFolder));
            return existed ? 1 : 0;
        }
        List<ObjectIdentifier> keys = new ArrayList<>();
        walk(
                keyOrFolder,
                object -> keys.add(ObjectIdentifier.builder().key(object.key()).build()));
        for (int from = 0; from < keys.size(); from += 1000) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + 1000));
            s3.deleteObjects(b -> b.bucket(settings.bucket())
                    .delete(Delete.builder().objects(batch).quiet(true).build()));
        }
        return keys.size();
    }

    @Override
    public String describe() {
        return "s3://" + settings.bucket() + " at " + settings.endpoint();
    }

    @Override
    public void close() {
        s3.close();
    }
}
