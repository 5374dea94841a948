package org.civstart.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * A REST method (a POST that creates something) that honours {@code Idempotency-Key}: the first
 * request with a key runs and its answer is stored in the same transaction as its effects; a retry
 * with the same key from the same caller gets that answer again and changes nothing; the same key
 * with a different request is a 422 naming the fields that differ. See {@link IdempotencyInterceptor}.
 * Without the header the method runs as usual.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Idempotent {}
