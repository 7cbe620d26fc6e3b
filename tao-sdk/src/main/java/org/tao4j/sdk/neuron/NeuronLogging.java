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

    /**
     * When Logback runs with no configuration of its own (no {@code logback.configurationFile}, no
     * {@code logback.xml} or {@code logback-test.xml} on the class path), it logs everything at DEBUG,
     * Jetty's internals included. A neuron then logs its own events at INFO and libraries at WARN.
     * Returns whether the levels were changed.
     */
    static boolean quietDefaults() {
        ClassLoader cl = NeuronLogging.class.getClassLoader();
        if (System.getProperty("logback.configurationFile") != null
                || cl.getResource("logback.xml") != null
                || cl.getResource("logback-test.xml") != null) {
            return false;
        }
        return setLevel(org.slf4j.Logger.ROOT_LOGGER_NAME, "WARN") && setLevel("org.tao4j", "INFO");
    }

    /** Returns whether the level could be changed. */
    static boolean enableDebug() {
        return setLevel("org.tao4j", "DEBUG");
    }

    private static boolean setLevel(String loggerName, String levelName) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!factory.getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
            return false;
        }
        try {
            Object logger = factory.getLogger(loggerName);
            Class<?> level = Class.forName(
                    "ch.qos.logback.classic.Level", true, factory.getClass().getClassLoader());
            Object value = level.getField(levelName).get(null);
            Method setLevel = logger.getClass().getMethod("setLevel", level);
            setLevel.invoke(logger, value);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
