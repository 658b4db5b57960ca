package io.pacer.monitor.health;

/**
 * Points one input cost a score, and why.
 *
 * @param component the component that lost them
 * @param input what cost them: an alert ({@code alert cpu on host.cpu.usage.ratio}), a target that is down, or for the
 *     overall score a component
 * @param points points taken off, {@code > 0}
 * @param reason one line for people
 */
public record Deduction(String component, String input, double points, String reason) {}
