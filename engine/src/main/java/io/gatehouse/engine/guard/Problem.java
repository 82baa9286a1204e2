package io.gatehouse.engine.guard;

/** A failed guard check: the stable reason and a detail that never repeats the checked value. */
record Problem(GuardReason reason, String detail) {}
