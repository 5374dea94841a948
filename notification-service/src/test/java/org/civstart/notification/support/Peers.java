package org.civstart.notification.support;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The external services as real protocol peers, one per test JVM: an SMTP server (GreenMail) and
 * two HTTP servers playing the SMS and push providers. The service is pointed at them by config.
 */
public class Peers implements QuarkusTestResourceLifecycleManager {

    public static final String SMS_KEY = "sms-test-key";
    public static final String PUSH_KEY = "push-test-key";

    private static GreenMail smtp;
    private static ProviderServer sms;
    private static ProviderServer push;

    @Override
    public Map<String, String> start() {
        startAll();
        return Map.of(
                "quarkus.mailer.host",
                "localhost",
                "quarkus.mailer.port",
                String.valueOf(smtp.getSmtp().getPort()),
                "quarkus.rest-client.sms.url",
                sms.url(),
                "quarkus.rest-client.push.url",
                push.url(),
                "civstart.notification.sms.api-key",
                SMS_KEY,
                "civstart.notification.push.api-key",
                PUSH_KEY);
    }

    private static synchronized void startAll() {
        if (smtp == null) {
            smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
            smtp.start();
            sms = ProviderServer.start();
            push = ProviderServer.start();
        }
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM
    }

    public static GreenMail smtp() {
        return smtp;
    }

    public static ProviderServer sms() {
        return sms;
    }

    public static ProviderServer push() {
        return push;
    }

    /** The messages the SMTP server accepted for {@code address}. */
    public static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        Address[] to = m.getAllRecipients();
                        return to != null
                                && Arrays.stream(to).anyMatch(a -> a.toString().contains(address));
                    } catch (Exception e) {
                        return false;
                    }
                })
                .toList();
    }
}
