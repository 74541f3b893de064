package org.opencontrail.web.logs.builds;

/** A build reached its last state here (stored and indexed, or failed for good): other replicas are told of it. */
public record BuildFinished(BuildRecord record) {}
