package org.tao4j.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The direct writer of simple replies must write exactly what Jackson writes, and step aside otherwise. */
class ReplyWritingTest {

    private static ObjectNode reply(JsonNode result, JsonNode id) {
        ObjectNode o = Json.object();
        o.put("jsonrpc", "2.0");
        o.set("result", result);
        o.set("id", id);
        return o;
    }

    private static String jackson(JsonNode n) throws Exception {
        return Json.MAPPER.writeValueAsString(n);
    }

    @Test
    void simpleRepliesAreWrittenAsJacksonWritesThem() throws Exception {
        List<JsonNode> ids = List.of(
                Json.F.numberNode(0),
                Json.F.numberNode(-7),
                Json.F.numberNode(Long.MAX_VALUE),
                Json.F.numberNode(new BigInteger("123456789012345678901234567890")),
                Json.F.textNode("abc-1"),
                Json.F.textNode(""));
        List<JsonNode> results =
                List.of(Json.F.textNode("0x" + "ab".repeat(32)), Json.F.textNode(""), Json.F.textNode("plain text ~!"));
        for (JsonNode id : ids) {
            for (JsonNode result : results) {
                ObjectNode r = reply(result, id);
                assertThat(JsonRpcDispatcher.writeSimpleResult(r))
                        .as("%s", r)
                        .isNotNull()
                        .isEqualTo(jackson(r));
                assertThat(JsonRpcDispatcher.write(r)).isEqualTo(jackson(r));
            }
        }
    }

    @Test
    void otherShapesGoThroughJackson() throws Exception {
        List<ObjectNode> others = List.of(
                reply(Json.F.textNode("needs \"escaping\""), Json.F.numberNode(1)),
                reply(Json.F.textNode("back\\slash"), Json.F.numberNode(1)),
                reply(Json.F.textNode("line\nbreak"), Json.F.numberNode(1)),
                reply(Json.F.textNode("non-ASCII é"), Json.F.numberNode(1)),
                reply(Json.F.textNode("0x00"), Json.F.textNode("id with \"quote\"")),
                reply(Json.F.textNode("0x00"), Json.F.numberNode(1.5)),
                reply(Json.F.textNode("0x00"), Json.F.nullNode()),
                reply(Json.F.numberNode(5), Json.F.numberNode(1)),
                reply(Json.object().put("a", 1), Json.F.numberNode(1)),
                JsonRpcDispatcher.errorNode(Json.F.numberNode(1), RpcErrors.INVALID_PARAMS, "bad", null));
        for (ObjectNode o : others) {
            assertThat(JsonRpcDispatcher.writeSimpleResult(o)).as("%s", o).isNull();
            assertThat(JsonRpcDispatcher.write(o)).isEqualTo(jackson(o));
        }
        ObjectNode reordered = Json.object();
        reordered.put("id", 1);
        reordered.put("jsonrpc", "2.0");
        reordered.put("result", "0x00");
        assertThat(JsonRpcDispatcher.writeSimpleResult(reordered)).isNull();
        ObjectNode wrongVersion = reply(Json.F.textNode("0x00"), Json.F.numberNode(1));
        wrongVersion.put("jsonrpc", "1.0");
        assertThat(JsonRpcDispatcher.writeSimpleResult(wrongVersion)).isNull();
    }
}
