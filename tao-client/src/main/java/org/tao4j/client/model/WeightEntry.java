package org.tao4j.client.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One entry of a sparse weight or bond row, {@code [uid, u16]} on the wire ({@code [netuid, u16]} for
 * root weights).
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"uid", "value"})
public record WeightEntry(int uid, int value) {}
