package org.opencontrail.web.logs.builds;

/** A build's record was written here: queued, on its way, finished, or adopted from another replica. */
public record BuildSaved(BuildRecord record) {}
