package io.gatehouse.terraform.internal.plugin;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * A throw-away EC key and self-signed certificate for one plugin process, with the profile go-plugin
 * itself uses: CN and SAN DNS:localhost (plus IP 127.0.0.1), CA, serverAuth + clientAuth. Encoded
 * by hand so no crypto library (and its start-up cost) is needed.
 */
public record SelfSignedCertificate(PrivateKey privateKey, X509Certificate certificate) {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

    /** A P-256 certificate (what the provider presents). */
    public static SelfSignedCertificate generate() {
        return generate("secp256r1", "SHA256withECDSA", "1.2.840.10045.4.3.2");
    }

    /** A P-521 certificate, the kind Terraform's go-plugin presents as client. */
    public static SelfSignedCertificate generateP521() {
        return generate("secp521r1", "SHA512withECDSA", "1.2.840.10045.4.3.4");
    }

    static SelfSignedCertificate generate(String curve, String signatureAlgorithm, String signatureOid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            KeyPair keys = generator.generateKeyPair();
            byte[] algorithm = Der.sequence(Der.oid(signatureOid));
            byte[] name = Der.sequence(Der.tlv(Der.SET, Der.sequence(Der.oid("2.5.4.3"), Der.utf8("localhost"))));
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            byte[] validity = Der.sequence(
                    Der.utcTime(UTC_TIME.format(now.minusMinutes(5))), Der.utcTime(UTC_TIME.format(now.plusDays(1))));
            byte[] extensions = Der.context(
                    3,
                    true,
                    Der.sequence(
                            extension("2.5.29.19", true, Der.sequence(Der.bool(true))),
                            // digitalSignature, keyEncipherment, keyCertSign
                            extension("2.5.29.15", true, Der.bitString(2, new byte[] {(byte) 0xa4})),
                            extension(
                                    "2.5.29.37",
                                    false,
                                    Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1"), Der.oid("1.3.6.1.5.5.7.3.2"))),
                            extension(
                                    "2.5.29.17",
                                    false,
                                    Der.sequence(
                                            Der.context(
                                                    2,
                                                    false,
                                                    "localhost".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                                            Der.context(7, false, new byte[] {127, 0, 0, 1})))));
            byte[] tbs = Der.sequence(
                    Der.context(0, true, Der.integer(BigInteger.TWO)),
                    Der.integer(new BigInteger(63, new SecureRandom()).add(BigInteger.ONE)),
                    algorithm,
                    name,
                    validity,
                    name,
                    keys.getPublic().getEncoded(),
                    extensions);
            Signature signer = Signature.getInstance(signatureAlgorithm);
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] der = Der.sequence(tbs, algorithm, Der.bitString(0, signer.sign()));
            X509Certificate certificate = (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            return new SelfSignedCertificate(keys.getPrivate(), certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the plugin's TLS certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    /** The certificate as PEM (what go-plugin passes in PLUGIN_CLIENT_CERT). */
    public String pem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
