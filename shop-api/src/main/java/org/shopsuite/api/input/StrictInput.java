package org.shopsuite.api.input;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The suite's input rules, once for the gateway and every service (all of them depend on shop-api): the application's
 * ObjectMapper reads JSON by {@link StrictJson}, and integers in paths and query parameters are read by
 * {@link StrictIntegers}.
 */
@AutoConfiguration
@ConditionalOnClass({Jackson2ObjectMapperBuilderCustomizer.class, DispatcherServlet.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class StrictInput {

    @Bean
    public Jackson2ObjectMapperBuilderCustomizer strictJson() {
        return builder -> builder.postConfigurer(StrictJson::configure);
    }

    @Bean
    public StrictIntegerBinding strictIntegerBinding() {
        return new StrictIntegerBinding();
    }

    /**
     * Binds {@code long}/{@code int} path variables and parameters with {@link StrictIntegers}. It has to be an
     * editor: Spring falls back to its default number editor (which reads {@code 0x10} as 16) whenever the conversion
     * service refuses a value.
     */
    @ControllerAdvice
    public static class StrictIntegerBinding {

        @InitBinder
        public void strictIntegers(WebDataBinder binder) {
            binder.registerCustomEditor(long.class, editor(StrictIntegers::parseLong));
            binder.registerCustomEditor(Long.class, editor(StrictIntegers::parseLong));
            binder.registerCustomEditor(int.class, editor(StrictIntegers::parseInt));
            binder.registerCustomEditor(Integer.class, editor(StrictIntegers::parseInt));
        }

        private static PropertyEditorSupport editor(Function<String, ?> parse) {
            return new PropertyEditorSupport() {
                @Override
                public void setAsText(String text) {
                    setValue(parse.apply(text));
                }
            };
        }
    }
}
