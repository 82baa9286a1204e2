package io.gatehouse.controlplane.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuditQueryServiceTest {

    @Test
    void cursorsRoundTripAndForeignOnesAreRefused() {
        String cursor = AuditQueryService.encodeCursor(1_795_497_695_547_123L, 42);
        assertThat(AuditQueryService.decodeCursor(cursor)).containsExactly(1_795_497_695_547_123L, 42L);
        assertThatThrownBy(() -> AuditQueryService.decodeCursor("not-a-cursor"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cursor: not a cursor returned by this API");
    }

    @Test
    void denySpikesAlertOncePerMinuteAboveTheThreshold() {
        AuditIngest.DenySpikes spikes = new AuditIngest.DenySpikes(10);
        java.util.UUID tenant = java.util.UUID.randomUUID();
        assertThat(spikes.add(tenant, 6)).isFalse();
        assertThat(spikes.add(tenant, 4)).isTrue();
        assertThat(spikes.add(tenant, 100)).isFalse(); // already alerted this minute
        assertThat(new AuditIngest.DenySpikes(0).add(tenant, 1_000)).isFalse();
    }
}
