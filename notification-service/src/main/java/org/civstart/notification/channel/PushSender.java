package org.civstart.notification.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.civstart.notification.domain.Channel;
import org.civstart.notification.template.Message;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Push notifications through the configured HTTP provider. */
@ApplicationScoped
public class PushSender implements ChannelSender {

    @Inject
    @RestClient
    PushProvider provider;

    @Override
    public Channel channel() {
        return Channel.PUSH;
    }

    @Override
    public void send(String address, Message message) {
        provider.send(new PushProvider.PushRequest(address, message.subject(), message.text()));
    }
}
