package io.gatehouse.controlplane.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(8192, 1);

    @Test
    void hashesAreSaltedArgon2idAndVerify() {
        String a = hasher.hash("correct horse battery staple");
        String b = hasher.hash("correct horse battery staple");
        assertThat(a).startsWith("$argon2id$v=19$m=8192,t=1,p=1$").isNotEqualTo(b);
        assertThat(hasher.verify("correct horse battery staple", a)).isTrue();
        assertThat(hasher.verify("correct horse battery stapl", a)).isFalse();
    }

    @Test
    void costIsReadFromTheStoredHash() {
        String old = new PasswordHasher(9216, 2).hash("pw-of-some-length");
        assertThat(hasher.verify("pw-of-some-length", old)).isTrue();
    }

    @Test
    void garbageHashesNeverVerify() {
        assertThat(hasher.verify("x", null)).isFalse();
        assertThat(hasher.verify("x", "")).isFalse();
        assertThat(hasher.verify("x", "$2a$10$abcdefghijklmnopqrstuv")).isFalse();
        assertThat(hasher.verify("x", "$argon2i$v=19$m=8192,t=1,p=1$AAAA$AAAA")).isFalse();
    }

    @Test
    void weakCostIsRefused() {
        assertThatThrownBy(() -> new PasswordHasher(1024, 1)).hasMessageContaining("memoryKib: 1024");
        assertThatThrownBy(() -> new PasswordHasher(8192, 0)).hasMessageContaining("iterations: 0");
    }
}
