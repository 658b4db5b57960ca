package io.pacer.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --instance-price}: a positive number of US dollars per hour ({@code 0.192}, {@code $0.192}). */
final class PriceConverter implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
        try {
            double price = Double.parseDouble(value.trim().replace("$", ""));
            if (price > 0 && Double.isFinite(price)) {
                return price;
            }
        } catch (NumberFormatException e) {
            // the message below says what is accepted
        }
        throw new TypeConversionException(
                "'" + value + "' is not a price: give US dollars per hour, a positive number such as 0.192");
    }
}
