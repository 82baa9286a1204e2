package io.gatehouse.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.controlplane.api.errors.ApiException;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void ifMatchAcceptsStrongWeakAndWildcardTags() {
        assertThat(Endpoints.ifMatch(null)).isNull();
        assertThat(Endpoints.ifMatch("*")).isNull();
        assertThat(Endpoints.ifMatch("\"3\"")).isEqualTo(3L);
        assertThat(Endpoints.ifMatch("W/\"12\"")).isEqualTo(12L);
        assertThatThrownBy(() -> Endpoints.ifMatch("\"abc\""))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("INVALID_IF_MATCH"));
    }

    @Test
    void idsThatAreNotUuidsAreNotFound() {
        assertThatThrownBy(() -> Endpoints.id("' OR 1=1", "server"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
}
