package org.civstart.rest;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URI;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs an {@link Idempotent} method once per {@code Idempotency-Key} and caller.
 *
 * <p>With a key, the whole call is one transaction that starts by claiming the key
 * ({@link IdempotencyKeys#claim}: an insert on the primary key (caller, key)). Concurrent retries
 * block on that insert until the first request's transaction ends: when it commits they read its
 * stored answer and return it ({@link IdempotentReplay}, header {@code Idempotency-Replayed: true});
 * when it rolls back (the request failed and changed nothing) one of them runs instead. The answer
 * is stored in the same transaction as the effects, so "effects committed, answer lost" cannot happen.
 *
 * <p>What counts as "the same request": the operation (resource method) and its arguments as JSON
 * (path and query parameters by name, the body's fields). A difference is an
 * {@link IdempotencyKeyReused} (422) naming each differing field.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class IdempotencyInterceptor {

    @Inject
    RequestContext request;

    @Inject
    IdempotencyKeys keys;

    @Inject
    ObjectMapper json;

    @AroundInvoke
    Object once(InvocationContext ic) throws Exception {
        String key = request.idempotencyKey();
        if (key == null) {
            return ic.proceed();
        }
        Method method = ic.getMethod();
        String caller = request.subject() != null ? request.subject() : RequestContext.ANONYMOUS;
        String operation = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        return keys.once(
                new IdempotencyKeys.Claim(caller, key, operation, canonical(method, ic.getParameters())),
                () -> answer(method, ic.proceed()));
    }

    /** The request as JSON: named parameters by name, the body's fields at the top level. */
    private ObjectNode canonical(Method method, Object[] args) {
        ObjectNode request = json.createObjectNode();
        Parameter[] params = method.getParameters();
        for (int i = 0; i < params.length; i++) {
            if (params[i].isAnnotationPresent(Context.class) || params[i].isAnnotationPresent(BeanParam.class)) {
                continue;
            }
            String name = parameterName(params[i]);
            JsonNode value = json.valueToTree(args[i]);
            if (name == null && value instanceof ObjectNode body) {
                request.setAll(body);
            } else {
                request.set(name == null ? "body" : name, value);
            }
        }
        return request;
    }

    private static String parameterName(Parameter p) {
        for (Annotation a : p.getAnnotations()) {
            String name = null;
            if (a instanceof PathParam x) {
                name = x.value();
            } else if (a instanceof QueryParam x) {
                name = x.value();
            } else if (a instanceof HeaderParam x) {
                name = x.value();
            } else if (a instanceof FormParam x) {
                name = x.value();
            } else if (a instanceof MatrixParam x) {
                name = x.value();
            } else if (a instanceof CookieParam x) {
                name = x.value();
            } else if (a instanceof RestPath x) {
                name = x.value().isEmpty() ? p.getName() : x.value();
            } else if (a instanceof RestQuery x) {
                name = x.value().isEmpty() ? p.getName() : x.value();
            }
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    /** What the client received: status, Location, JSON body. */
    private IdempotencyKeys.Answer answer(Method method, Object result) throws Exception {
        int status;
        Object entity;
        URI location = null;
        if (result instanceof RestResponse<?> r) {
            status = r.getStatus();
            entity = r.getEntity();
            location = r.getLocation();
        } else if (result instanceof Response r) {
            status = r.getStatus();
            entity = r.getEntity();
            location = r.getLocation();
        } else {
            ResponseStatus declared = method.getAnnotation(ResponseStatus.class);
            status = declared != null ? declared.value() : result == null ? 204 : 200;
            entity = result;
        }
        return new IdempotencyKeys.Answer(
                status,
                location == null ? null : location.toString(),
                entity == null ? null : json.writeValueAsString(entity),
                result);
    }
}
