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
 * {@code ${#site.label()}}, {@code ${#nav}} (the header's links), {@code ${#footer}} (further footer
 * links), {@code ${#health}} (the CI's health on status-web, where the banner of problems points) and
 * {@code ${#description}} (what the page is about: its model's {@value #PAGE_DESCRIPTION} where it has one, the
 * site's description otherwise). Templates never spell a name or a link of their own.
 */
@Singleton
public final class BrandDialect extends AbstractDialect implements IExpressionObjectDialect {

    private static final String BRAND = "brand";
    private static final String SITE = "site";
    private static final String NAV = "nav";
    private static final String FOOTER = "footer";
    private static final String HEALTH = "health";
    private static final String DESCRIPTION = "description";

    /** The model's name of a page's own words on what it shows, for its {@code <meta name="description">}. */
    public static final String PAGE_DESCRIPTION = "pageDescription";

    /** status-web's page of the CI's health, which the banner of problems links to. */
    static final String HEALTH_PATH = "/infra";

    private final Brand brand;
    private final Site site;
    private final List<NavLink> navigation;
    private final List<FooterLink> footerLinks;
    private final NavLink health;
    private final String siteDescription;

    BrandDialect(Brand brand, CurrentSite currentSite, List<FooterLink> footerLinks) {
        super("opencontrail-brand");
        this.brand = brand;
        this.site = currentSite.site();
        this.navigation = navigation(brand, site);
        this.footerLinks = List.copyOf(footerLinks);
        this.health = health(brand, site);
        this.siteDescription = brand.description(site);
    }

    /** A page's description: its model's own words when it has them, the site's description otherwise. */
    static String description(Object own, String siteDescription) {
        return own instanceof String words && !words.isBlank() ? words : siteDescription;
    }

    /** The CI's health on status-web: on status-web's own pages a link within the site, elsewhere its address. */
    static NavLink health(Brand brand, Site current) {
        return new NavLink(
                "CI health",
                current == Site.STATUS ? HEALTH_PATH : brand.link(Site.STATUS, HEALTH_PATH),
                current == Site.STATUS);
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
                return Set.of(BRAND, SITE, NAV, FOOTER, HEALTH, DESCRIPTION);
            }

            @Override
            public Object buildObject(IExpressionContext context, String expressionObjectName) {
                return switch (expressionObjectName) {
                    case BRAND -> brand;
                    case SITE -> site;
                    case NAV -> navigation;
                    case FOOTER -> footerLinks;
                    case HEALTH -> health;
                    case DESCRIPTION -> description(context.getVariable(PAGE_DESCRIPTION), siteDescription);
                    default -> null;
                };
            }

            @Override
            public boolean isCacheable(String expressionObjectName) {
                return true; // for one page's rendering, whose model does not change
            }
        };
    }
}
