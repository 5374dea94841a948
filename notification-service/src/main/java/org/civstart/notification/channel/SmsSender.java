package org.civstart.notification.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.civstart.notification.domain.Channel;
import org.civstart.notification.template.Message;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** SMS through the configured HTTP provider. */
@ApplicationScoped
public class SmsSender implements ChannelSender {

    @Inject
    @RestClient
    SmsProvider provider;

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public void send(String address, Message message) {
        provider.send(new SmsProvider.SmsRequest(address, message.text()));
    }
}
