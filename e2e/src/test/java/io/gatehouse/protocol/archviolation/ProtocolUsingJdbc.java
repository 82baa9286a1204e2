package io.gatehouse.protocol.archviolation;

import java.sql.Connection;

/** Deliberate violation for ArchitectureRulesSelfTest: a wire contract that reaches for JDBC. */
public final class ProtocolUsingJdbc {
    Connection connection;
}
