package org.civstart.notification.template;

/** A rendered message: subject (email subject, push or in-app title; none for SMS), text, and HTML for email. */
public record Message(String subject, String text, String html) {}
