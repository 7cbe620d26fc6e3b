package org.tao4j.sdk.wire;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON for synapse payloads, error bodies and stream frames, over one Jackson mapper.
 * Compact output (one line, control characters escaped) is what lets a stream chunk sit on one
 * {@code data:} line. Unknown properties are ignored so a subnet can add fields to a synapse
 * without breaking older peers.
 */
public final class SynapseCodec {
    private final ObjectMapper mapper;
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();
    private final Map<Class<?>, ObjectWriter> writers = new ConcurrentHashMap<>();

    public SynapseCodec() {
        this(new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(SerializationFeature.INDENT_OUTPUT, false)
                .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false));
    }

    /** Uses {@code mapper} as configured by the caller; it must not indent its output. */
    public SynapseCodec(ObjectMapper mapper) {
        this.mapper = mapper.copy().configure(SerializationFeature.INDENT_OUTPUT, false);
    }

    public byte[] write(Object value) {
        Class<?> type = value == null ? Object.class : value.getClass();
        try {
            return writers.computeIfAbsent(type, mapper::writerFor).writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise " + type.getName() + " to JSON", e);
        }
    }

    /** @throws IOException when {@code json} is not a valid {@code type} */
    public <T> T read(byte[] json, Class<T> type) throws IOException {
        return readers.computeIfAbsent(type, mapper::readerFor).readValue(json);
    }
}
