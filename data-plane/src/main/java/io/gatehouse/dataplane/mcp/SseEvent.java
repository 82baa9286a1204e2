package io.gatehouse.dataplane.mcp;

/**
 * One server-sent event as received: its exact bytes (including the blank line that ended it) and
 * the parsed fields. Comments-only blocks have null data.
 *
 * @param raw exact bytes, forwarded unchanged unless the data is rewritten
 * @param id the {@code id:} field, or null
 * @param event the {@code event:} field, or null
 * @param retry the {@code retry:} field, or null
 * @param data the joined {@code data:} lines, or null when there were none
 */
public record SseEvent(byte[] raw, String id, String event, String retry, String data) {

    /** Re-encodes the event with new data, keeping id, event type and retry. */
    public byte[] withData(String newData) {
        StringBuilder out = new StringBuilder();
        if (event != null) {
            out.append("event: ").append(event).append('\n');
        }
        if (id != null) {
            out.append("id: ").append(id).append('\n');
        }
        if (retry != null) {
            out.append("retry: ").append(retry).append('\n');
        }
        for (String line : newData.split("\n", -1)) {
            out.append("data: ").append(line).append('\n');
        }
        out.append('\n');
        return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
