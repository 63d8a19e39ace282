package dev.pillarbox.forward;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The routing table: recipient domain to {@link NextHop}. A key {@code example.com} matches that domain exactly; a key
 * {@code .example.com} matches every subdomain of it (not the domain itself, as Postfix's transport maps with a
 * leading dot); the key {@code default} (the smarthost) matches every other domain, but only for clients that may
 * relay (see {@link RelayPolicy}). Immutable.
 */
public final class Routes {

    /** The key of the default route. */
    public static final String DEFAULT = "default";

    private final Map<String, NextHop> domains;
    private final NextHop defaultRoute;

    private Routes(Map<String, NextHop> domains, NextHop defaultRoute) {
        this.domains = Map.copyOf(domains);
        this.defaultRoute = defaultRoute;
    }

    /** A table from {@code routes} (keys lower-cased domains, {@code .suffix} or {@link #DEFAULT}). */
    public static Routes of(Map<String, NextHop> routes) {
        Map<String, NextHop> domains = new LinkedHashMap<>();
        NextHop defaultRoute = null;
        for (Map.Entry<String, NextHop> e : routes.entrySet()) {
            String key = e.getKey().toLowerCase(Locale.ROOT);
            if (key.equals(DEFAULT)) {
                defaultRoute = Objects.requireNonNull(e.getValue());
            } else {
                domains.put(key, Objects.requireNonNull(e.getValue()));
            }
        }
        return new Routes(domains, defaultRoute);
    }

    /** The route for {@code domain} by its own entry or a parent's {@code .suffix} entry; no default route. */
    public Optional<NextHop> configured(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        NextHop exact = domains.get(d);
        if (exact != null) {
            return Optional.of(exact);
        }
        // the closest parent wins: .b.example.com before .example.com
        for (int dot = d.indexOf('.'); dot >= 0; dot = d.indexOf('.', dot + 1)) {
            NextHop parent = domains.get(d.substring(dot));
            if (parent != null) {
                return Optional.of(parent);
            }
        }
        return Optional.empty();
    }

    /** The route for {@code domain}: its configured one, else the default route if there is one. */
    public Optional<NextHop> route(String domain) {
        Optional<NextHop> configured = configured(domain);
        return configured.isPresent() ? configured : Optional.ofNullable(defaultRoute);
    }

    /** The default route (smarthost), if configured. */
    public Optional<NextHop> defaultRoute() {
        return Optional.ofNullable(defaultRoute);
    }

    /** The domain entries (without the default), for the documentation of the running configuration. */
    public Map<String, NextHop> domains() {
        return domains;
    }

    @Override
    public String toString() {
        return "Routes" + domains + (defaultRoute == null ? "" : " default " + defaultRoute);
    }
}
