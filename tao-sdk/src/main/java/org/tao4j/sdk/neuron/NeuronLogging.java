package org.tao4j.sdk.neuron;

import java.lang.reflect.Method;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * {@code --logging.debug}: turns the {@code org.tao4j} loggers to DEBUG when the application logs
 * through Logback (the project's choice). The SDK itself only depends on the SLF4J API, so it does
 * this by reflection and does nothing under another backend.
 */
final class NeuronLogging {
    private NeuronLogging() {}

    /** Returns whether the level could be changed. */
    static boolean enableDebug() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!factory.getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
            return false;
        }
        try {
            Object logger = factory.getLogger("org.tao4j");
            Class<?> level = Class.forName("ch.qos.logback.classic.Level", true, factory.getClass().getClassLoader());
            Object debug = level.getField("DEBUG").get(null);
            Method setLevel = logger.getClass().getMethod("setLevel", level);
            setLevel.invoke(logger, debug);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
