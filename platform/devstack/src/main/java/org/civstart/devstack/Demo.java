package org.civstart.devstack;

/** Demo data for the local stack, created through the services' own REST APIs. */
final class Demo {

    private Demo() {
    }

    static void seed(Keys keys) {
        LocalStack.say("demo data: not seeded yet (the signal-service REST API it needs is being built)");
    }
}
