package org.opencontrail.web.shared.zuul.mqtt;

import org.opencontrail.web.shared.source.EventListener;

/** A bean that wants Zuul's MQTT results. */
public interface ZuulResultListener extends EventListener<BuildsetResult> {}
