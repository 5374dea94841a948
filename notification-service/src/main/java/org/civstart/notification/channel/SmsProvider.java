package org.civstart.notification.channel;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * An SMS provider's HTTP API: {@code POST <url>/messages {"to": "+49…", "text": "…"}} with
 * {@code Authorization: Bearer <api key>}; any 2xx is accepted. URL and timeouts:
 * {@code quarkus.rest-client.sms.*}; key: {@code civstart.notification.sms.api-key}.
 */
@RegisterRestClient(configKey = "sms")
@Path("/messages")
public interface SmsProvider {

    record SmsRequest(String to, String text) {}

    @POST
    @ClientHeaderParam(name = "Authorization", value = "Bearer ${civstart.notification.sms.api-key}")
    void send(SmsRequest request);
}
