package org.opencontrail.web.shared.zuul.status;

import org.opencontrail.web.shared.source.EventListener;

/** A bean that wants each new Zuul status snapshot (one that differs from the last). */
public interface ZuulStatusListener extends EventListener<ZuulSnapshot> {}
