package org.opencontrail.web.branding;

/**
 * One entry of the header navigation.
 *
 * @param label   what the link says
 * @param url     where it goes
 * @param current true for the site the page belongs to
 */
public record NavLink(String label, String url, boolean current) {}
