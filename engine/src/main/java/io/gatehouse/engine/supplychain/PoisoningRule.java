package io.gatehouse.engine.supplychain;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One pattern over normalised text (see {@link TextNormalizer}) and the severity of a match per target. All
 * patterns use bounded repetition only, so matching stays linear in the text length.
 */
record PoisoningRule(FindingId id, Pattern pattern, Severity inDefinition, Severity inResult) {

    private static final String SENSITIVE_DATA = "(?:ssh keys?|private keys?|id_(?:rsa|dsa|ecdsa|ed25519)|credentials"
            + "|api[ _-]?keys?|access tokens?|auth(?:entication)? tokens?|session tokens?|secrets?|passwords?"
            + "|conversation history|chat history|previous messages|system prompt|environment variables|env vars"
            + "|cookies|mcp\\.json|claude_desktop_config\\.json)";

    private static final String SENSITIVE_PATH =
            "(?:~|\\$home|%userprofile%|/home/[a-z0-9._-]{1,32}|/users/[a-z0-9._-]{1,32})?"
                    + "/\\.(?:ssh|aws|gnupg|kube|docker|azure|config/gcloud)\\b"
                    + "|\\bid_(?:rsa|dsa|ecdsa|ed25519)\\b"
                    + "|/etc/(?:passwd|shadow|sudoers)\\b"
                    + "|(?<![a-z0-9_])\\.(?:env|netrc|npmrc|pypirc|pgpass|git-credentials|bash_history|zsh_history)\\b"
                    + "|\\b(?:claude_desktop_config|mcp)\\.json\\b|\\.cursor/|\\bwallet\\.dat\\b";

    private static final String READ_VERB = "\\b(?:read|cat|open|load|get|fetch|access|print|include|upload|send"
            + "|copy|attach|contents? of|pass)\\b";

    static final List<PoisoningRule> DEFAULTS = List.of(
            rule(
                    FindingId.INSTRUCTION_OVERRIDE,
                    "\\b(?:ignore|disregard|forget|override|bypass)\\b(?: [^ ]{1,20}){0,3}? (?:previous|prior|above|earlier"
                            + "|preceding|all|any|other|your|the|system|safety|original)\\b(?: [^ ]{1,20}){0,2}? (?:instructions?"
                            + "|prompts?|rules|directions|guidelines|guardrails|policies|constraints|directives)\\b",
                    Severity.HIGH,
                    Severity.HIGH),
            rule(
                    FindingId.INSTRUCTION_OVERRIDE,
                    "\\byou are now\\b|\\bnew (?:system )?instructions? ?:|\\bfrom now on,? you (?:must|will|should|are)\\b"
                            + "|\\byour (?:real|true|actual|new) (?:task|instructions?|goal|purpose|role) (?:is|are)\\b",
                    Severity.HIGH,
                    Severity.HIGH),
            rule(
                    FindingId.TOOL_SHADOWING,
                    "\\bbefore (?:using|calling|invoking|running|executing) (?:any|every|all|each|other|another)"
                            + "(?: other)? tools?\\b"
                            + "|\\b(?:this tool|it) (?:must|should|has to) (?:always )?be (?:called|used|run|invoked) "
                            + "(?:first|before)\\b"
                            + "|\\b(?:all|every|any) (?:emails?|messages?|requests?|payments?|transfers?|invitations?) "
                            + "(?:must|should|shall|are to) (?:always )?(?:be )?(?:sent|forwarded|redirected|cc'?d|bcc'?d|routed"
                            + "|copied) to\\b"
                            + "|\\b(?:when|whenever|if) (?:the user |you |the assistant )?(?:uses?|calls?|invokes?|runs?) "
                            + "(?:the |any )?(?!this\\b)[a-z0-9_.-]{1,64} tool\\b.{0,80}?\\b(?:must|always|also|instead|first)\\b",
                    Severity.HIGH,
                    Severity.HIGH),
            rule(
                    FindingId.TOOL_SHADOWING,
                    "\\binstead of (?:using |calling )?(?:the )?(?!this\\b)[a-z0-9_.-]{1,64} tool\\b",
                    Severity.MEDIUM,
                    Severity.MEDIUM),
            rule(
                    FindingId.CONCEALMENT,
                    "\\b(?:do not|don't|never|must not|should not|shouldn't) (?:tell|inform|mention|reveal|disclose|notify"
                            + "|alert|show|warn)(?: (?:this|it|that|anything|any of this))?(?: to)? (?:the )?user\\b"
                            + "|\\bwithout (?:telling|informing|notifying|alerting|asking|showing) (?:the )?user\\b"
                            + "|\\b(?:the )?user (?:must|should) not (?:know|see|notice|be told|find out)\\b"
                            + "|\\bhide (?:this|these|it|them) from (?:the )?user\\b"
                            + "|\\b(?:do not|don't|never|must not) (?:mention|reveal|disclose) (?:that|this|it)\\b"
                            + "|\\b(?:secretly|covertly|silently|quietly) (?:send|read|copy|include|pass|forward|call|upload"
                            + "|add|exfiltrate|collect|attach|append)",
                    Severity.HIGH,
                    Severity.HIGH),
            rule(FindingId.EXFILTRATION_REQUEST, "\\bexfiltrat", Severity.HIGH, Severity.HIGH),
            rule(
                    FindingId.EXFILTRATION_REQUEST,
                    "\\b(?:send|pass|include|put|insert|append|embed|forward|copy|provide|attach|leak|upload|post|transmit)"
                            + "\\b.{0,60}?\\b" + SENSITIVE_DATA + "\\b"
                            + ".{0,60}?\\b(?:to|into|in|as|via|within)\\b"
                            + "|\\b" + SENSITIVE_DATA + "\\b.{0,60}?\\b(?:send|pass|forward|upload|post|leak|transmit)"
                            + "\\b.{0,40}?\\b(?:to|as|into)\\b",
                    Severity.HIGH,
                    Severity.MEDIUM),
            rule(
                    FindingId.EXFILTRATION_REQUEST,
                    "\\b(?:send|post|upload|forward|transmit|leak|copy|email|mail)\\b.{0,80}?\\bhttps?://",
                    Severity.HIGH,
                    Severity.LOW),
            rule(
                    FindingId.EXFILTRATION_REQUEST,
                    "\\b(?:send|forward|bcc|cc|email|mail|copy)\\b.{0,40}?\\bto [a-z0-9._%+-]{1,64}@[a-z0-9.-]{1,253}\\.[a-z]{2,}",
                    Severity.HIGH,
                    Severity.LOW),
            rule(
                    FindingId.EXFILTRATION_REQUEST,
                    "\\bpass (?:it|them|this|that|its contents?|the contents?|the (?:file|key|data|output|result|token"
                            + "|history|conversation))\\b.{0,30}?\\bas (?:the |a )?['\"`][a-z_][a-z0-9_]{0,63}['\"`]",
                    Severity.HIGH,
                    Severity.MEDIUM),
            rule(
                    FindingId.SENSITIVE_FILE_REQUEST,
                    READ_VERB + ".{0,60}?(?:" + SENSITIVE_PATH + ")",
                    Severity.HIGH,
                    Severity.MEDIUM),
            rule(FindingId.SENSITIVE_FILE_REQUEST, SENSITIVE_PATH, Severity.MEDIUM, Severity.LOW),
            rule(
                    FindingId.SYSTEM_PROMPT_MARKER,
                    "</? ?(?:important|system|instructions?|sys|admin|system[_-]prompt|hidden|secret|tool_instructions)"
                            + " ?>|<\\|(?:im_start|im_end|system|endoftext|start_header_id|end_header_id|eot_id)\\|>"
                            + "|\\[/?inst\\]|<<\\s?sys\\s?>>|\\bsystem prompt ?:|\\bsystem (?:override|notice) ?:",
                    Severity.HIGH,
                    Severity.HIGH),
            rule(
                    FindingId.HIDDEN_COMMENT,
                    "<!--|(?:^| )\\[(?://|comment|_|hidden)\\]: ?[#<(]",
                    Severity.MEDIUM,
                    Severity.LOW));

    private static PoisoningRule rule(FindingId id, String regex, Severity inDefinition, Severity inResult) {
        return new PoisoningRule(id, Pattern.compile(regex), inDefinition, inResult);
    }

    Severity severity(ScanTarget target) {
        return target == ScanTarget.DEFINITION ? inDefinition : inResult;
    }
}
