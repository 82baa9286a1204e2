package io.gatehouse.e2e.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks DESIGN §1's dependency rules against the production classes of every module. */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importEveryModule() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.gatehouse");
    }

    @Test
    void importSeesEveryModule() {
        for (String module : new String[] {
            "protocol", "engine", "controlplane", "dataplane", "sdk", "console", "terraform", "devstack"
        }) {
            assertThat(production.containPackage("io.gatehouse." + module))
                    .as("production classes of io.gatehouse.%s are on the e2e classpath", module)
                    .isTrue();
        }
        assertThat(production.containPackage("io.gatehouse.protocol.archviolation"))
                .as("test fixtures are not production classes")
                .isFalse();
    }

    @Test
    void protocolIsFrameworkFree() {
        ArchitectureRules.PROTOCOL_IS_FRAMEWORK_FREE.check(production);
        ArchitectureRules.PROTOCOL_DEPENDS_ON_NO_MODULE.check(production);
    }

    @Test
    void engineIsFrameworkFreeAndSitsOnProtocol() {
        ArchitectureRules.ENGINE_IS_FRAMEWORK_FREE.check(production);
        ArchitectureRules.ENGINE_DEPENDS_ONLY_ON_PROTOCOL.check(production);
    }

    @Test
    void planesNeverDependOnEachOther() {
        ArchitectureRules.CONTROL_PLANE_IS_INDEPENDENT.check(production);
        ArchitectureRules.DATA_PLANE_IS_INDEPENDENT.check(production);
    }

    @Test
    void clientsGoThroughTheSdk() {
        ArchitectureRules.SDK_KNOWS_ONLY_PROTOCOL.check(production);
        ArchitectureRules.SDK_CLIENTS_USE_ONLY_THE_SDK.check(production);
    }

    @Test
    void modulesHaveNoCycles() {
        ArchitectureRules.NO_CYCLES_BETWEEN_MODULES.check(production);
    }
}
