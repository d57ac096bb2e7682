package dev.pacer.alert.channel;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The rules of {@link Channels#violations} that need the whole definition (which fields a channel type needs), checked
 * with the field annotations so one answer names every bad field.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidChannel.Validator.class)
public @interface ValidChannel {
    String message() default "is not a valid channel";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Reports each {@link Channels#violations} finding as a violation of its field. */
    class Validator implements ConstraintValidator<ValidChannel, ChannelDefinition> {
        @Override
        public boolean isValid(ChannelDefinition d, ConstraintValidatorContext context) {
            if (d == null) {
                return true;
            }
            var errors = Channels.violations(d, false);
            if (errors.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            errors.forEach(e -> context.buildConstraintViolationWithTemplate(escape(e.message()))
                    .addPropertyNode(e.field()).addConstraintViolation());
            return false;
        }

        /** Messages are literal text, not templates: a user's value must not be interpolated. */
        private static String escape(String message) {
            return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
        }
    }
}
