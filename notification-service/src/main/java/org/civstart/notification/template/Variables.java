package org.civstart.notification.template;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.civstart.notification.domain.Notification;

/** The variables templates see (documented on {@link Templates}); built here only. */
public final class Variables {

    private Variables() {}

    /** What a message shows of one notification: kept with its delivery and rendered at send time. */
    public static Map<String, Object> item(Notification n, Map<String, Object> data) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("notificationId", n.id.toString());
        item.put("eventType", n.eventType);
        item.put("title", n.title);
        item.put("body", n.body);
        item.put("link", n.link);
        item.put("data", data);
        return item;
    }

    /** The variables of a message carrying {@code items}: a single one also at the top level ({@code data}, {@code title}, ...). */
    public static Map<String, Object> of(List<Map<String, Object>> items, boolean digest, String appUrl) {
        Map<String, Object> vars = new HashMap<>();
        if (!digest && !items.isEmpty()) {
            vars.putAll(items.get(0));
        }
        vars.put("items", items);
        vars.put("appUrl", appUrl);
        return vars;
    }
}
