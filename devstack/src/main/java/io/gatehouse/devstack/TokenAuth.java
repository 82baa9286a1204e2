package io.gatehouse.devstack;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an {@link EmbeddedPulsar} test parameter resolved by {@link PulsarExtension}: the shared broker with token
 * authentication and authorization on (a different instance from the open one).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface TokenAuth {}
