package io.gatehouse.protocol.bundle;

import static io.gatehouse.protocol.bundle.Checks.list;
import static io.gatehouse.protocol.bundle.Checks.matching;
import static io.gatehouse.protocol.bundle.Checks.required;
import static io.gatehouse.protocol.bundle.Checks.stringList;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A guard on one argument of the tools a binding matches: a file path checked against path globs,
 * or a URL checked against scheme/domain/address rules (SSRF). The data plane compiles it once per
 * bundle; its semantics are those of {@code io.gatehouse.engine.guard} (docs/argument-guards.md).
 *
 * @param argument a top-level argument name ({@code path}) or a JSON pointer ({@code /options/target})
 * @param kind path or url
 * @param allow path: absolute globs (at least one); url: allowed domains (empty = any public host)
 * @param schemes url only: allowed schemes (empty = http and https)
 * @param allowedCidrs url only: address blocks allowed despite the private/loopback/metadata blocks
 * @param dnsCheck url only: resolve host names and deny blocked addresses (absent = true)
 * @param optional true when a missing argument passes (absent = false: missing denies)
 */
public record ArgumentGuardSpec(
        String argument,
        Kind kind,
        List<String> allow,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> schemes,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> allowedCidrs,
        Boolean dnsCheck,
        Boolean optional) {

    static final Pattern ARGUMENT = Pattern.compile("[^\\p{Cntrl}]{1,256}");
    static final Pattern VALUE = Pattern.compile("[^\\p{Cntrl}]{1,1024}");

    public enum Kind {
        @JsonProperty("path")
        PATH,
        @JsonProperty("url")
        URL
    }

    public ArgumentGuardSpec {
        matching(argument, ARGUMENT, "argument");
        required(kind, "kind");
        allow = stringList(list(allow, "allow"), VALUE, "allow");
        schemes = stringList(list(schemes, "schemes"), VALUE, "schemes");
        allowedCidrs = stringList(list(allowedCidrs, "allowedCidrs"), VALUE, "allowedCidrs");
        if (kind == Kind.PATH) {
            if (allow.isEmpty()) {
                throw new IllegalArgumentException("argument guard '" + argument + "': kind path needs 'allow' globs");
            }
            if (!schemes.isEmpty() || !allowedCidrs.isEmpty() || dnsCheck != null) {
                throw new IllegalArgumentException(
                        "argument guard '" + argument + "': schemes, allowedCidrs and dnsCheck apply to kind url only");
            }
        }
    }

    /** Whether DNS answers are checked (url guards; default true). */
    public boolean dnsCheckEnabled() {
        return dnsCheck == null || dnsCheck;
    }

    /** Whether a missing argument passes (default false). */
    public boolean missingAllowed() {
        return optional != null && optional;
    }
}
