// The QuickJS WebAssembly instance loads evaluate in. The compiled WebAssembly.Module (stateless) is made
// once per process; an instance is made per memory limit and reused by the loads that ask for that limit,
// each of which creates its own QuickJS runtime and context inside it (sandbox.ts) and frees them after.
//
// The instance's memory is a WebAssembly.Memory whose `maximum` is the engine's initial heap plus the
// load's memory limit, so the limit is enforced by the WebAssembly engine itself: when the heap is full,
// malloc fails and QuickJS throws. (QuickJS's own malloc limit cannot do this under Emscripten, see
// sandbox.ts.) An instance that may be damaged (it ran out of memory, or the host stack ran out inside its
// C code) is discarded and never called again; the next load instantiates a new one.
import { readFile } from "node:fs/promises";
import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSWASMModule, RELEASE_SYNC } from "quickjs-emscripten";

const PAGE_BYTES = 64 * 1024;
/** The heap QuickJS's build starts with (its Emscripten INITIAL_MEMORY): static data, C stack, runtime. */
export const INITIAL_HEAP_BYTES = 16 * 1024 * 1024;
/** The build's largest heap (Emscripten's MAXIMUM_MEMORY, 2 GiB): a limit above it is capped. */
const MAX_HEAP_PAGES = 32768;

/** The slice of Node's WebAssembly global used here (the repo's `lib`, es2023 without DOM, does not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
  compile(bytes: Uint8Array): Promise<object>;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

export interface QuickjsInstance {
  readonly module: QuickJSWASMModule;
  readonly memory: WasmMemory;
  /** The heap can never grow past this many bytes. */
  readonly maximumBytes: number;
}

let compiled: Promise<object> | undefined;
let current: { readonly memoryLimitBytes: number; readonly instance: Promise<QuickjsInstance> } | undefined;
const broken = new WeakSet<QuickjsInstance>();

function compiledQuickjs(): Promise<object> {
  compiled ??= readFile(require.resolve("@jitl/quickjs-wasmfile-release-sync/wasm")).then((bytes) => wasm.compile(bytes));
  return compiled;
}

async function instantiate(memoryLimitBytes: number): Promise<QuickjsInstance> {
  const initial = INITIAL_HEAP_BYTES / PAGE_BYTES;
  const maximum = Math.min(MAX_HEAP_PAGES, initial + Math.ceil(memoryLimitBytes / PAGE_BYTES));
  const memory = new wasm.Memory({ initial, maximum });
  const module = await newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmModule: (await compiledQuickjs()) as never, wasmMemory: memory as never }));
  return { module, memory, maximumBytes: maximum * PAGE_BYTES };
}

/** The instance for `memoryLimitBytes`; only one is kept (a CLI run uses one limit). */
export async function quickjsInstance(memoryLimitBytes: number): Promise<QuickjsInstance> {
  if (current?.memoryLimitBytes !== memoryLimitBytes) current = { memoryLimitBytes, instance: instantiate(memoryLimitBytes) };
  const pending = current.instance;
  const instance = await pending;
  if (!broken.has(instance)) return instance;
  if (current?.instance === pending) current = undefined;
  return quickjsInstance(memoryLimitBytes);
}

/** Marks `instance` broken: it is never handed out again, and its memory goes with it. */
export function discardQuickjsInstance(instance: QuickjsInstance): void {
  broken.add(instance);
}
