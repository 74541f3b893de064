package org.opencontrail.web.branding;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * Makes the brand available to every template, whatever its view model: {@code ${#brand.name}},
 * {@code ${#site.label()}}, {@code ${#nav}} (the header's links) and {@code ${#footer}} (further footer
 * links). Templates never spell a name
 * or a link of their own.
 */
@Singleton
public final class BrandDialect extends AbstractDialect implements IExpressionObjectDialect {

    private static final String BRAND = "brand";
    private static final String SITE = "site";
    private static final String NAV = "nav";
    private static final String FOOTER = "footer";

    private final Brand brand;
    private final Site site;
    private final List<NavLink> navigation;
    private final List<FooterLink> footerLinks;

    BrandDialect(Brand brand, CurrentSite currentSite, List<FooterLink> footerLinks) {
        super("opencontrail-brand");
        this.brand = brand;
        this.site = currentSite.site();
        this.navigation = navigation(brand, site);
        this.footerLinks = List.copyOf(footerLinks);
    }

    /** The header links: the three sites, then code review. */
    private static List<NavLink> navigation(Brand brand, Site current) {
        List<NavLink> links = new ArrayList<>();
        for (Site s : Site.values()) {
            links.add(new NavLink(s.label(), brand.urlOf(s), s == current));
        }
        links.add(new NavLink("Review", brand.reviewUrl(), false));
        return List.copyOf(links);
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of(BRAND, SITE, NAV, FOOTER);
            }

            @Override
            public Object buildObject(IExpressionContext context, String expressionObjectName) {
                return switch (expressionObjectName) {
                    case BRAND -> brand;
                    case SITE -> site;
                    case NAV -> navigation;
                    case FOOTER -> footerLinks;
                    default -> null;
                };
            }

            @Override
            public boolean isCacheable(String expressionObjectName) {
                return true;
            }
        };
    }
}
