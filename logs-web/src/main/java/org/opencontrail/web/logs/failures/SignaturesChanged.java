package org.opencontrail.web.logs.failures;

/** The signatures folder changed and was read again. */
public record SignaturesChanged(int signatures) {}
