package org.opencontrail.web.logs.search;

import java.util.List;

/**
 * What indexing a build did, in either engine.
 *
 * @param files files indexed
 * @param lines lines indexed
 * @param chars characters of text indexed
 * @param indexed the files, as the catalog keeps them
 */
public record IndexedBuild(int files, long lines, long chars, List<FileFacts> indexed) {}
