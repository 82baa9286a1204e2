package io.gatehouse.protocol.api;

/** One invalid field of a request: a JSON path such as {@code rules[0].effect} and what was wrong. */
public record FieldError(String field, String message) {}
