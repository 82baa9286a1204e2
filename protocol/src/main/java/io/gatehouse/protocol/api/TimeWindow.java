package io.gatehouse.protocol.api;

import java.util.List;

/** Days ({@code mon}..{@code sun}) and a {@code HH:mm} range in an IANA zone. */
public record TimeWindow(List<String> days, String start, String end, String zone) {}
