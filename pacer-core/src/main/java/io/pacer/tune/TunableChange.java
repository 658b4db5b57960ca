package io.pacer.tune;

/** One accepted change of a tunable, with who made it ({@code source}: "api", "adaptive", a user name...). */
public record TunableChange(String name, Object oldValue, Object newValue, String source) {}
