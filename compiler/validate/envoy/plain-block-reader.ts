// The plain block reader (../plain-block-reader.ts) with Envoy's typing of scalars (yaml-cpp-scalars.ts): the tree
// it returns has the same shape, keys and typed values as parseJsonTree's whenever it reads a text.
import type { JsonNode } from "./json-tree";
import { readPlainBlockAs, type ScalarTyping } from "../plain-block-reader";
import { envoyKey, envoyScalar } from "./yaml-cpp-scalars";

const ENVOY_TYPING: ScalarTyping = { scalar: (value, plain) => envoyScalar(value, plain), key: (value, plain) => envoyKey(value, plain) };

/** The JSON tree of `text` if it is in meshc's plain block subset (a map or sequence at its root), else null. */
export function readPlainBlock(text: string): JsonNode | null {
  return readPlainBlockAs(text, ENVOY_TYPING);
}
