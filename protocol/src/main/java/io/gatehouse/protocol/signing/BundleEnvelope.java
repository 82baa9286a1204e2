package io.gatehouse.protocol.signing;

import com.nimbusds.jose.JOSEObjectType;
import java.util.Set;

/** Constants of the signed bundle envelope wire format (see {@code docs/signing.md}). */
public final class BundleEnvelope {

    /** {@code typ} header of a bundle envelope. */
    public static final JOSEObjectType TYPE = new JOSEObjectType("gatehouse-bundle+jws");

    static final String ISS = "iss";
    static final String TENANT = "tenant";
    static final String AUD = "aud";
    static final String VER = "ver";
    static final String SHA256 = "sha256";
    static final String SCHEMA = "schema";
    static final String IAT = "iat";
    static final String EXP = "exp";
    static final String CONTENT = "content";

    /** Every claim of the payload; any other member makes the envelope MALFORMED. */
    public static final Set<String> CLAIMS = Set.of(ISS, TENANT, AUD, VER, SHA256, SCHEMA, IAT, EXP, CONTENT);

    private BundleEnvelope() {}
}
