// A field's value after the proto3 JSON mapping, in the form protoc-gen-validate rules compare against.
import type { Located } from "./json-tree";

export type Decoded =
  | { readonly t: "int"; readonly v: bigint }
  | { readonly t: "float"; readonly v: number }
  | { readonly t: "bool"; readonly v: boolean }
  | { readonly t: "string"; readonly v: string }
  | { readonly t: "bytes"; readonly v: Uint8Array }
  | { readonly t: "enum"; readonly v: number }
  /** Duration and Timestamp, in nanoseconds. */
  | { readonly t: "time"; readonly nanos: bigint }
  | { readonly t: "any"; readonly typeUrl: string }
  | { readonly t: "message" }
  | { readonly t: "list"; readonly items: readonly DecodedAt[] }
  | { readonly t: "map"; readonly entries: readonly { readonly key: DecodedAt; readonly value: DecodedAt }[] };

export interface DecodedAt {
  readonly value: Decoded;
  readonly at: Located;
  readonly path: string;
}
