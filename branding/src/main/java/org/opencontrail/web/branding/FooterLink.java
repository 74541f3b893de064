package org.opencontrail.web.branding;

import io.micronaut.context.annotation.EachProperty;

/**
 * A further footer link of the brand (mailing list, chat, licence...), configured as the list
 * {@code branding.links} of {@code label} and {@code url}.
 *
 * @param label what the link says
 * @param url   where it goes
 */
@EachProperty(value = "branding.links", list = true)
public record FooterLink(String label, String url) {}
