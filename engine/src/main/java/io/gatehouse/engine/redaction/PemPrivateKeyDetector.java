package io.gatehouse.engine.redaction;

import java.util.List;

/**
 * PEM private keys (PKCS#1, PKCS#8, encrypted, EC, DSA, OpenSSH, PGP): from the BEGIN line through the matching
 * END line. A key whose END line is missing (a truncated or split value) is redacted to the end of the text, so
 * a partial key never passes: this check fails closed.
 */
final class PemPrivateKeyDetector implements Detector {

    private static final String BEGIN = "-----BEGIN ";
    private static final String DASHES = "-----";
    private static final int MAX_LABEL = 40;
    /** Base-64 characters a key body has at least; placeholders such as "..." have fewer. */
    private static final int MIN_BODY = 40;

    @Override
    public String id() {
        return "pem_private_key";
    }

    @Override
    public void find(String text, String field, List<Match> out) {
        int from = 0;
        int begin;
        while ((begin = text.indexOf(BEGIN, from)) >= 0) {
            int labelStart = begin + BEGIN.length();
            int labelEnd = text.indexOf(DASHES, labelStart);
            if (labelEnd < 0) {
                return;
            }
            String label = text.substring(labelStart, labelEnd);
            if (labelEnd - labelStart > MAX_LABEL || !privateKeyLabel(label)) {
                from = labelStart;
                continue;
            }
            int bodyStart = labelEnd + DASHES.length();
            String endLine = "-----END " + label + DASHES;
            int endAt = text.indexOf(endLine, bodyStart);
            int bodyEnd = endAt < 0 ? text.length() : endAt;
            if (!base64AtLeast(text, bodyStart, bodyEnd, MIN_BODY)) {
                from = bodyStart;
                continue;
            }
            int end = endAt < 0 ? text.length() : endAt + endLine.length();
            out.add(new Match(begin, end));
            from = end;
        }
    }

    private static boolean privateKeyLabel(String label) {
        if (!(label.endsWith("PRIVATE KEY") || label.endsWith("PRIVATE KEY BLOCK"))) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ')) {
                return false;
            }
        }
        return true;
    }

    /** Stops at {@code min}, so a BEGIN line without an END line costs no second pass over the text. */
    private static boolean base64AtLeast(String text, int from, int to, int min) {
        int n = 0;
        for (int i = from; i < to && n < min; i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/') {
                n++;
            }
        }
        return n >= min;
    }
}
