package org.opencontrail.web.git.browse;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * README and {@code *.md} files as HTML: CommonMark with tables, raw HTML in the text escaped
 * rather than passed through, dangerous link schemes ({@code javascript:}) dropped, and links
 * relative to the file made into the site's own addresses (files to their page, images to raw).
 * Images from other sites become links to them: a page loads nothing from elsewhere, so a README
 * cannot tell another site who reads it (and the pages' Content-Security-Policy would refuse it).
 */
@Singleton
final class Markdown {

    /** Longest text rendered; a longer file is shown as text. */
    static final int MOST = 512 * 1024;

    private final Parser parser =
            Parser.builder().extensions(List.of(TablesExtension.create())).build();

    /**
     * @param text        the Markdown
     * @param pageLink    what a relative link to a file becomes
     * @param imageLink   what a relative image source becomes
     */
    String render(String text, UnaryOperator<String> pageLink, UnaryOperator<String> imageLink) {
        Node document = parser.parse(text.length() > MOST ? text.substring(0, MOST) : text);
        document.accept(new ImagesFromElsewhereAsLinks());
        HtmlRenderer renderer = HtmlRenderer.builder()
                .extensions(List.of(TablesExtension.create()))
                .escapeHtml(true)
                .sanitizeUrls(true)
                .attributeProviderFactory(context -> new Relative(pageLink, imageLink))
                .build();
        return renderer.render(document);
    }

    /**
     * Each image of another site replaced by a link to it, its alt text as the link's text; inside a
     * link already (a badge) or inline ({@code data:}), by its alt text alone.
     */
    private static final class ImagesFromElsewhereAsLinks extends AbstractVisitor {
        @Override
        public void visit(Image image) {
            String src = image.getDestination();
            if (Relative.relative(src) || (src.startsWith("/") && !src.startsWith("//"))) {
                return;
            }
            Link link = null;
            if (!insideLink(image) && src.matches("(?i)^(https?:)?//.*")) {
                link = new Link(src, image.getTitle());
                image.insertBefore(link);
            }
            // the alt text stays: as the link's text, or where the image was
            while (image.getFirstChild() != null) {
                if (link != null) {
                    link.appendChild(image.getFirstChild());
                } else {
                    image.insertBefore(image.getFirstChild());
                }
            }
            if (link != null && link.getFirstChild() == null) {
                link.appendChild(new Text(src));
            }
            image.unlink();
        }

        private static boolean insideLink(Node node) {
            for (Node parent = node.getParent(); parent != null; parent = parent.getParent()) {
                if (parent instanceof Link) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Rewrites relative hrefs and srcs; absolute URLs and anchors stay as written. */
    private record Relative(UnaryOperator<String> pageLink, UnaryOperator<String> imageLink)
            implements AttributeProvider {
        @Override
        public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
            if (node instanceof Link) {
                String href = attributes.get("href");
                if (relative(href)) {
                    attributes.put("href", pageLink.apply(href));
                }
                attributes.put("rel", "nofollow");
            } else if (node instanceof Image) {
                String src = attributes.get("src");
                if (relative(src)) {
                    attributes.put("src", imageLink.apply(src));
                }
            }
        }

        private static boolean relative(String url) {
            return url != null
                    && !url.isEmpty()
                    && !url.startsWith("#")
                    && !url.startsWith("/")
                    && !url.startsWith("//")
                    && !url.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
        }
    }
}
