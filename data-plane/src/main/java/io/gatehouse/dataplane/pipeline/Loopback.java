package io.gatehouse.dataplane.pipeline;

import java.net.URI;
import java.util.Locale;

/** Loopback host names, with or without a port, as they appear in Host and Origin headers. */
final class Loopback {
    private Loopback() {}

    /** {@code localhost}, {@code 127.0.0.1} or {@code [::1]}, optionally with a port. */
    static boolean isHost(String hostHeader) {
        String host = hostHeader.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 && host.substring(0, end + 1).equals("[::1]") && portOnly(host.substring(end + 1));
        }
        int colon = host.indexOf(':');
        String name = colon < 0 ? host : host.substring(0, colon);
        return (name.equals("localhost") || name.equals("127.0.0.1"))
                && portOnly(colon < 0 ? "" : host.substring(colon));
    }

    static boolean isOrigin(String origin) {
        try {
            URI uri = new URI(origin);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getRawAuthority() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && isHost(uri.getRawAuthority());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static boolean portOnly(String rest) {
        return rest.isEmpty() || rest.matches(":[0-9]{1,5}");
    }
}
