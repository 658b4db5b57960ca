package io.pacer.verdict.report;

import io.pacer.internal.Check;

/**
 * What a report adds to the results it shows.
 *
 * @param title the page's title; null for one made from the results ("Pacer report: built-in suite")
 * @param instancePricePerHour what the machine under test costs, USD per hour; when given, the report shows the cost
 *     per million operations at the measured throughput (and at a capacity search's capacity); null for none
 */
public record ReportOptions(String title, Double instancePricePerHour) {

    /** No title of the caller's and no price. */
    public static final ReportOptions DEFAULT = new ReportOptions(null, null);

    public ReportOptions {
        if (instancePricePerHour != null) {
            Check.that(
                    Double.isFinite(instancePricePerHour) && instancePricePerHour > 0,
                    "instance price",
                    "a positive number of USD per hour, such as 0.192",
                    instancePricePerHour);
        }
    }

    public ReportOptions withTitle(String newTitle) {
        return new ReportOptions(newTitle, instancePricePerHour);
    }

    public ReportOptions withInstancePrice(Double usdPerHour) {
        return new ReportOptions(title, usdPerHour);
    }
}
