package dev.pillarbox.server.web;

import java.util.Objects;
import java.util.regex.Pattern;
import org.owasp.html.AttributePolicy;
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

    // the count of remote images held back by the sanitize call running on this thread (the policy is shared)
    private static final ThreadLocal<int[]> BLOCKED = new ThreadLocal<>();
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
        BLOCKED.set(blocked);
        try {
            String clean = (remoteImages ? REMOTE_IMAGES : BLOCKING).sanitize(html);
            return new Sanitized(clean, blocked[0]);
        } finally {
            BLOCKED.remove();
        }
    }

    /** An image's {@code src}: inline data, or a remote URL when allowed; a remote one held back is counted. */
    private static String imageSource(String value, boolean remoteImages) {
        String src = value.strip();
        if (DATA_IMAGE.matcher(src).matches()) {
            return src;
        }
        if (REMOTE.matcher(src).matches()) {
            if (remoteImages) {
                return src;
            }
            int[] blocked = BLOCKED.get();
            if (blocked != null) {
                blocked[0]++;
            }
        }
        return null;
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
                .allowAttributes("src").matching((AttributePolicy) (element, attribute, value) ->
                        imageSource(value, remoteImages)).onElements("img")
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
