package org.civstart.notification.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.civstart.notification.domain.Channel;
import org.civstart.notification.template.Message;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;

/** Email over SMTP with the Quarkus Mailer ({@code quarkus.mailer.*}): a text and an HTML part. */
@ApplicationScoped
public class EmailSender implements ChannelSender {

    @Inject
    Mailer mailer;

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public void send(String address, Message message) {
        mailer.send(Mail.withText(address, message.subject(), message.text()).setHtml(message.html()));
    }
}
