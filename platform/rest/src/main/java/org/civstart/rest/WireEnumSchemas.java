package org.civstart.rest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.civstart.events.WireEnum;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.IndexView;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The OpenAPI document lists a {@link WireEnum}'s values by their wire names ({@code pending_review}),
 * as the API reads and writes them. SmallRye OpenAPI finds the interface's {@code @JsonValue} method
 * but cannot call it on the enum (it looks for a method the enum declares itself) and falls back to the
 * constants' names ({@code PENDING_REVIEW}); this filter, run once when the service is built, puts the
 * wire names back for every enum schema whose values are exactly the constants of a {@code WireEnum}.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class WireEnumSchemas implements OASFilter {

    /** Constant names, in declaration order → their wire names. */
    private final Map<List<String>, List<Object>> wireNames = new HashMap<>();

    /** SmallRye OpenAPI passes the application's index to a filter constructor that takes one. */
    public WireEnumSchemas(IndexView index) {
        for (ClassInfo type : index.getAllKnownImplementations(DotName.createSimple(WireEnum.class))) {
            if (type.isEnum()) {
                List<String> names =
                        type.enumConstants().stream().map(FieldInfo::name).toList();
                wireNames.put(
                        names, names.stream().<Object>map(WireEnum::wireNameOf).toList());
            }
        }
    }

    @Override
    public Schema filterSchema(Schema schema) {
        List<Object> values = schema.getEnumeration();
        if (values != null && values.stream().allMatch(String.class::isInstance)) {
            List<Object> wire =
                    wireNames.get(values.stream().map(String.class::cast).toList());
            if (wire != null) {
                schema.setEnumeration(wire);
            }
        }
        return schema;
    }
}
