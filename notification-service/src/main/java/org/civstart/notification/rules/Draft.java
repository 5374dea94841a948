package org.civstart.notification.rules;

import org.civstart.notification.domain.Category;
import org.civstart.notification.domain.Recipient;

/** What a rule decided: who is told, about what, and where the notification links to. */
public record Draft(Recipient recipient, Category category, String link) {}
