package io.gatehouse.controlplane.domain.policy;

import static java.util.Objects.requireNonNull;

import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import java.util.Optional;

/**
 * Checks a policy rule's CEL condition the way a data plane will compile it: the same variables
 * ({@code principal}, {@code request}, {@code tool}, {@code args}, {@code time}, {@code source}),
 * the same macros and limits, and a boolean result. A condition that passes here compiles on every
 * agent, so a typo is a 400 at the API instead of a rejected bundle. The e2e test {@code
 * CelConditionContractTest} keeps this declaration and the data plane's {@code CelCondition} in step.
 */
public final class CelConditions {

    /** Longest expression accepted, in code points (the data plane's limit). */
    public static final int MAX_LENGTH = 4_096;

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(CelOptions.current()
                    .maxExpressionCodePointSize(MAX_LENGTH)
                    .maxParseRecursionDepth(64)
                    .enableTimestampEpoch(true)
                    .build())
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("principal", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("request", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("tool", SimpleType.STRING)
            .addVar("args", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("time", SimpleType.TIMESTAMP)
            .addVar("source", SimpleType.STRING)
            .build();

    private CelConditions() {}

    /**
     * @return empty when {@code expression} compiles to a boolean (or dynamic) result; otherwise
     *     CEL's message (line, column) saying what is wrong
     */
    public static Optional<String> problem(String expression) {
        requireNonNull(expression, "expression");
        if (expression.isBlank()) {
            return Optional.of("empty (expected: a boolean CEL expression)");
        }
        CelValidationResult result = COMPILER.compile(expression);
        if (result.hasError()) {
            return Optional.of("does not compile: " + result.getErrorString());
        }
        try {
            var type = result.getAst().getResultType();
            if (!type.equals(SimpleType.BOOL) && !type.equals(SimpleType.DYN)) {
                return Optional.of("has type " + type.name() + " (expected: bool)");
            }
        } catch (dev.cel.common.CelValidationException e) {
            return Optional.of("does not compile: " + e.getMessage());
        }
        return Optional.empty();
    }
}
