package io.gatehouse.protocol.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.protocol.signing.SealingException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class AeadTest {

    private static final byte[] AAD = "tenant=t-acme;purpose=signing-key".getBytes(StandardCharsets.UTF_8);
    private static final String SECRET = "{\"kty\":\"EC\",\"d\":\"very-secret-private-part\"}";

    private final MasterKey master = MasterKey.generate("mk-2026-11");
    private final Aead aead = new Aead(master);

    private static void assertFails(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call)
                .isInstanceOf(SealingException.class)
                .satisfies(e -> assertThat(((SealingException) e).reason()).isEqualTo(reason))
                .hasMessageStartingWith(reason.name() + ": ");
    }

    @Test
    void sealsAndOpensRandomPlaintexts() throws Exception {
        Random random = new Random(96);
        for (int i = 0; i < 200; i++) {
            byte[] plaintext = new byte[random.nextInt(4096)];
            random.nextBytes(plaintext);
            byte[] aad = new byte[random.nextInt(64)];
            random.nextBytes(aad);

            SealedSecret sealed = aead.seal(plaintext, aad);

            assertThat(aead.open(sealed, aad)).isEqualTo(plaintext);
            assertThat(aead.open(SealedSecret.decode(sealed.encode()), aad)).isEqualTo(plaintext);
            assertThat(aead.open(SealedSecret.fromText(sealed.toText()), aad)).isEqualTo(plaintext);
        }
    }

    @Test
    void everySealUsesAFreshNonce() {
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 256; i++) {
            nonces.add(Base64.getEncoder()
                    .encodeToString(aead.seal(new byte[] {1}, AAD).nonce()));
        }
        assertThat(nonces).hasSize(256);
    }

    @Test
    void encodingIsSelfDescribing() throws Exception {
        byte[] encoded = aead.sealToBytes(SECRET.getBytes(StandardCharsets.UTF_8), AAD);
        assertThat(new String(encoded, 0, 3, StandardCharsets.US_ASCII)).isEqualTo("GHS");
        assertThat(encoded[3]).isEqualTo((byte) 1);
        assertThat(encoded[4]).isEqualTo((byte) master.id().length());
        assertThat(new String(encoded, 5, master.id().length(), StandardCharsets.US_ASCII))
                .isEqualTo(master.id());
        assertThat(encoded).hasSize(5 + master.id().length() + 12 + SECRET.length() + 16);
        assertThat(new String(aead.openBytes(encoded, AAD), StandardCharsets.UTF_8))
                .isEqualTo(SECRET);
    }

    @Test
    void wrongKeyWithTheSameIdFailsAuthentication() {
        SealedSecret sealed = aead.seal(SECRET.getBytes(StandardCharsets.UTF_8), AAD);
        Aead impostor = new Aead(MasterKey.generate(master.id()));
        assertFails(() -> impostor.open(sealed, AAD), Reason.DECRYPTION_FAILED);
    }

    @Test
    void unknownKeyIdIsReportedAsSuch() {
        SealedSecret sealed = aead.seal(SECRET.getBytes(StandardCharsets.UTF_8), AAD);
        assertFails(() -> new Aead(MasterKey.generate("mk-other")).open(sealed, AAD), Reason.UNKNOWN_KEY);
    }

    @Test
    void wrongAssociatedDataFails() {
        SealedSecret sealed = aead.seal(SECRET.getBytes(StandardCharsets.UTF_8), AAD);
        assertFails(
                () -> aead.open(sealed, "tenant=t-other;purpose=signing-key".getBytes(StandardCharsets.UTF_8)),
                Reason.DECRYPTION_FAILED);
    }

    @Test
    void everySingleTamperedByteIsDetected() {
        byte[] encoded = aead.sealToBytes(SECRET.getBytes(StandardCharsets.UTF_8), AAD);
        for (int i = 0; i < encoded.length; i++) {
            byte[] tampered = encoded.clone();
            tampered[i] ^= 0x20;
            int position = i;
            assertThatThrownBy(() -> aead.openBytes(tampered, AAD))
                    .as("byte %d", position)
                    .isInstanceOf(SealingException.class);
        }
        byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length - 1);
        assertFails(() -> aead.openBytes(truncated, AAD), Reason.DECRYPTION_FAILED);
    }

    @Test
    void malformedEncodingsAreRejected() {
        assertFails(() -> SealedSecret.decode(new byte[] {1, 2, 3}), Reason.MALFORMED);
        assertFails(
                () -> SealedSecret.decode("GHS\u0002\u0001a".getBytes(StandardCharsets.US_ASCII)), Reason.MALFORMED);
        assertFails(
                () -> SealedSecret.decode("GHS\u0001\u0001a123".getBytes(StandardCharsets.US_ASCII)), Reason.MALFORMED);
        assertFails(() -> SealedSecret.fromText("***"), Reason.MALFORMED);
    }

    @Test
    void olderMasterKeysStillOpenWhatTheySealed() throws Exception {
        MasterKey old = MasterKey.generate("mk-2026-10");
        SealedSecret sealedUnderOld = new Aead(old).seal(SECRET.getBytes(StandardCharsets.UTF_8), AAD);
        Aead rotated = new Aead(master, old);

        assertThat(rotated.open(sealedUnderOld, AAD)).isEqualTo(SECRET.getBytes(StandardCharsets.UTF_8));
        assertThat(rotated.seal(new byte[] {1}, AAD).keyId()).isEqualTo(master.id());
        assertThatThrownBy(() -> new Aead(master, MasterKey.generate(master.id())))
                .hasMessageContaining("given twice");
    }

    @Test
    void masterKeyParsingGivesClearErrorsWithoutTheValue() {
        String valid = master.toBase64();
        assertThat(MasterKey.parse("mk", valid)).isEqualTo(MasterKey.parse("mk", " " + valid + "\n"));
        String urlSafe = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Base64.getDecoder().decode(valid));
        assertThat(MasterKey.parse("mk", urlSafe)).isEqualTo(MasterKey.parse("mk", valid));

        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> MasterKey.parse("mk", short16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("master key 'mk': 16 bytes (expected: 32 bytes for AES-256)");
        assertThatThrownBy(() -> MasterKey.parse("mk", "not base64 at all!"))
                .hasMessage("master key 'mk': not valid base64");
        assertThatThrownBy(() -> MasterKey.parse("mk", "")).hasMessageContaining("empty");
        assertThatThrownBy(() -> MasterKey.parse("bad id", valid)).hasMessageContaining("master key id");
    }

    @Test
    void keysNeverAppearInStringsOrMessages() throws Exception {
        String base64 = master.toBase64();
        SealedSecret sealed = aead.seal(SECRET.getBytes(StandardCharsets.UTF_8), AAD);
        Throwable failure = null;
        try {
            new Aead(MasterKey.generate(master.id())).open(sealed, AAD);
        } catch (SealingException e) {
            failure = e;
        }
        assertThat(failure).isNotNull();
        for (String text : new String[] {master.toString(), aead.toString(), sealed.toString(), failure.getMessage()}) {
            assertThat(text).doesNotContain(base64).doesNotContain(SECRET).doesNotContain("very-secret");
        }
    }
}
