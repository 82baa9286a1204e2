package io.gatehouse.e2e.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.gatehouse.bench.archviolation.BenchHalfOfCycle;
import io.gatehouse.console.archviolation.ConsoleUsingJdbc;
import io.gatehouse.controlplane.archviolation.ControlPlaneUsingDataPlane;
import io.gatehouse.dataplane.archviolation.DataPlaneUsingControlPlane;
import io.gatehouse.devstack.archviolation.DevstackHalfOfCycle;
import io.gatehouse.engine.archviolation.EngineUsingDataPlane;
import io.gatehouse.protocol.archviolation.ProtocolUsingJdbc;
import org.junit.jupiter.api.Test;

/**
 * Proves that each architecture rule fails the build when a forbidden dependency is added: each
 * rule is checked against a deliberately violating class (test sources only, so the production
 * check in {@link ArchitectureTest} never sees them) and must throw, naming the offender.
 */
class ArchitectureRulesSelfTest {

    @Test
    void frameworkInProtocolFails() {
        assertViolation(ArchitectureRules.PROTOCOL_IS_FRAMEWORK_FREE, ProtocolUsingJdbc.class, "java.sql.Connection");
    }

    @Test
    void controlPlaneReachingIntoDataPlaneFails() {
        assertViolation(
                ArchitectureRules.CONTROL_PLANE_IS_INDEPENDENT,
                ControlPlaneUsingDataPlane.class,
                "io.gatehouse.dataplane.auth.Principal");
    }

    @Test
    void dataPlaneReachingIntoControlPlaneFails() {
        assertViolation(
                ArchitectureRules.DATA_PLANE_IS_INDEPENDENT,
                DataPlaneUsingControlPlane.class,
                ControlPlaneUsingDataPlane.class.getName());
    }

    @Test
    void engineReachingIntoAPlaneFails() {
        assertViolation(
                ArchitectureRules.ENGINE_DEPENDS_ONLY_ON_PROTOCOL,
                EngineUsingDataPlane.class,
                DataPlaneUsingControlPlane.class.getName());
    }

    @Test
    void consoleBypassingTheSdkFails() {
        assertViolation(
                ArchitectureRules.SDK_CLIENTS_USE_ONLY_THE_SDK, ConsoleUsingJdbc.class, "java.sql.DriverManager");
    }

    @Test
    void moduleCycleFails() {
        JavaClasses classes = new ClassFileImporter().importClasses(DevstackHalfOfCycle.class, BenchHalfOfCycle.class);
        assertThatThrownBy(() -> ArchitectureRules.NO_CYCLES_BETWEEN_MODULES.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining("devstack")
                .hasMessageContaining("bench");
    }

    private static void assertViolation(ArchRule rule, Class<?> offender, String forbidden) {
        JavaClasses classes = new ClassFileImporter().importClasses(offender);
        assertThatThrownBy(() -> rule.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(offender.getName())
                .hasMessageContaining(forbidden);
    }
}
