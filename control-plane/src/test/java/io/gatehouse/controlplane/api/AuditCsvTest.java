package io.gatehouse.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.controlplane.api.resources.AuditResource;
import org.junit.jupiter.api.Test;

class AuditCsvTest {

    @Test
    void cellsAreQuotedAndFormulaPrefixesNeutralised() {
        assertThat(AuditResource.csvCell(null)).isEmpty();
        assertThat(AuditResource.csvCell("plain")).isEqualTo("plain");
        assertThat(AuditResource.csvCell("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditResource.csvCell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditResource.csvCell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(AuditResource.csvCell("@sum")).isEqualTo("'@sum");
        assertThat(AuditResource.csvCell(-5L)).isEqualTo("-5");
        assertThat(AuditResource.csvCell("line\nbreak")).isEqualTo("\"line\nbreak\"");
    }
}
