package org.opencontrail.web.logs.search;

/**
 * A build's documents are committed and searchable: published before the build is acknowledged, so
 * what listens (the known-failure classifier) is done when the build is.
 *
 * @param build the build
 * @param files its indexed files
 */
public record BuildIndexed(BuildFacts build, java.util.List<FileFacts> files) {}
