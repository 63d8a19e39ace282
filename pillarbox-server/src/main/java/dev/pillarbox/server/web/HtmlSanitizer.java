package dev.pillarbox.server.web;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.owasp.html.HtmlChangeListener;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Sanitises a mail's HTML part with the OWASP Java HTML Sanitizer before the page shows it: only formatting
 * elements and attributes survive (no script, no event handler, no form, no frame, no style sheet, no URL in CSS),
 * links keep http, https and mailto only. Remote images (http, https) are removed unless the reader asked for them,
 * so that opening a mail does not tell its sender (a tracking pixel); inline {@code data:} images stay. This is the
 * first of three walls: the page also shows the result in an {@code <iframe sandbox>} (no script runs, no same
 * origin) under a Content-Security-Policy without inline scripts.
 */
public final class HtmlSanitizer {

    private static final Pattern DATA_IMAGE = Pattern.compile("(?i)data:image/(png|gif|jpe?g|webp);base64,[A-Za-z0-9+/=\\s]*");
    private static final Pattern REMOTE = Pattern.compile("(?i)https?://.*");
    private static final Pattern LINK = Pattern.compile("(?is)(https?:|mailto:).*|[^:]*");

    private static final PolicyFactory BLOCKING = policy(false);
    private static final PolicyFactory REMOTE_IMAGES = policy(true);

    private HtmlSanitizer() {
    }

    /**
     * The sanitised HTML and how many remote images were held back.
     *
     * @param html safe to put in the page's sandboxed iframe
     * @param blockedImages remote images removed (0 when they were allowed)
     */
    public record Sanitized(String html, int blockedImages) {

        /** Checks the components. */
        public Sanitized {
            Objects.requireNonNull(html, "html");
        }
    }

    /** Sanitises {@code html}; remote images stay only when {@code remoteImages} is true. */
    public static Sanitized sanitize(String html, boolean remoteImages) {
        int[] blocked = {0};
        String clean = (remoteImages ? REMOTE_IMAGES : BLOCKING).sanitize(html, new HtmlChangeListener<int[]>() {
            @Override
            public void discardedTag(int[] context, String elementName) {
                // a removed element: nothing to count
            }

            @Override
            public void discardedAttributes(int[] context, String tagName, String... attributeNames) {
                if (tagName.toLowerCase(Locale.ROOT).equals("img")) {
                    for (String attribute : attributeNames) {
                        if (attribute.equalsIgnoreCase("src")) {
                            context[0]++;
                        }
                    }
                }
            }
        }, blocked);
        return new Sanitized(clean, remoteImages ? 0 : blocked[0]);
    }

    private static PolicyFactory policy(boolean remoteImages) {
        return new HtmlPolicyBuilder()
                .allowCommonBlockElements()
                .allowCommonInlineFormattingElements()
                .allowElements("a", "img", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "col",
                        "colgroup", "hr", "br", "pre", "code", "blockquote", "center", "font", "span", "div", "dl",
                        "dt", "dd", "small", "big", "sup", "sub", "abbr")
                .allowUrlProtocols("http", "https", "mailto", "data")
                .allowAttributes("href").matching(value -> LINK.matcher(value.strip()).matches()).onElements("a")
                .allowAttributes("title").globally()
                .allowAttributes("src").matching(value -> DATA_IMAGE.matcher(value.strip()).matches()
                        || remoteImages && REMOTE.matcher(value.strip()).matches()).onElements("img")
                .allowAttributes("alt", "width", "height").onElements("img")
                .allowAttributes("align", "valign", "bgcolor", "width", "height", "border", "cellpadding",
                        "cellspacing", "colspan", "rowspan")
                .onElements("table", "tr", "td", "th", "col", "colgroup", "div", "p", "img", "center")
                .allowAttributes("color", "face", "size").onElements("font")
                .allowStyling()
                // the sandbox keeps links from navigating the page; rel keeps a followed link from knowing it
                .requireRelsOnLinks("noopener", "noreferrer")
                .toFactory();
    }
}
