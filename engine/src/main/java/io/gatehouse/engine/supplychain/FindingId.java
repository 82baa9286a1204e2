package io.gatehouse.engine.supplychain;

/** Stable ids of poisoning and injection findings; identical in audit records, logs and metrics. */
public enum FindingId {
    INSTRUCTION_OVERRIDE("text tries to override the model's instructions"),
    TOOL_SHADOWING("text tries to change how other tools are used"),
    CONCEALMENT("text asks to hide actions from the user"),
    EXFILTRATION_REQUEST("text asks to send data or secrets somewhere"),
    SENSITIVE_FILE_REQUEST("text refers to credential or secret files"),
    SYSTEM_PROMPT_MARKER("text contains prompt-template or system-prompt markers"),
    HIDDEN_COMMENT("text contains an HTML or Markdown comment that renderers hide"),
    INVISIBLE_UNICODE("text contains invisible characters"),
    BIDI_CONTROL("text contains bidirectional control characters"),
    SCAN_TRUNCATED("text beyond the scan limit was not scanned");

    private final String summary;

    FindingId(String summary) {
        this.summary = summary;
    }

    /** One short sentence for people; never contains scanned text. */
    public String summary() {
        return summary;
    }
}
