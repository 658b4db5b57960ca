package io.pacer.monitor.store;

import java.util.List;
import java.util.Map;

/**
 * The points of one series (name plus labels) at one resolution, oldest first.
 *
 * @param name the series name
 * @param labels its labels, sorted
 * @param resolution the resolution the points are at
 * @param points the points, oldest first
 */
public record Series(String name, Map<String, String> labels, Resolution resolution, List<Point> points) {

    public Series {
        labels = Map.copyOf(labels);
        points = List.copyOf(points);
    }
}
