package org.civstart.notification.channel;

import org.civstart.notification.domain.Channel;
import org.civstart.notification.template.Message;

/** Sends a rendered message on one external channel. Throws when the provider did not accept it. */
public interface ChannelSender {

    Channel channel();

    void send(String address, Message message) throws Exception;
}
