package io.pacer.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 5%} or {@code 5} as the fraction 0.05; the option's own range is checked where it is used. */
final class PercentConverter implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
        String text = value.trim();
        if (text.endsWith("%")) {
            text = text.substring(0, text.length() - 1).trim();
        }
        try {
            double percent = Double.parseDouble(text);
            if (!Double.isFinite(percent) || percent < 0) {
                throw new NumberFormatException();
            }
            return percent / 100;
        } catch (NumberFormatException e) {
            throw new TypeConversionException(
                    "'" + value + "' is not a percentage: give e.g. 5% or 2.5% (a number >= 0, the % is optional)");
        }
    }
}
