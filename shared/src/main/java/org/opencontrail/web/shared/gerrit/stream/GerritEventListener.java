package org.opencontrail.web.shared.gerrit.stream;

import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.source.EventListener;

/** A bean that wants Gerrit's events: every such bean is subscribed to the stream at start. */
public interface GerritEventListener extends EventListener<GerritEvent> {}
