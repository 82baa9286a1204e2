package io.gatehouse.console.archviolation;

import java.sql.DriverManager;

/** Deliberate violation for ArchitectureRulesSelfTest: the console going around the SDK to the database. */
public final class ConsoleUsingJdbc {
    DriverManager driverManager;
}
