// The few WebAssembly JS API types the runtime uses. The project compiles
// with lib ES2022 and Node types, which do not declare the WebAssembly
// namespace, so it is described here and taken from globalThis.

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export interface WasmGlobal {
  value: number;
}

export interface WasmExports {
  readonly memory: WasmMemory;
  readonly process: (batch: number, count: number, stride: number) => number;
  readonly digest_count: WasmGlobal;
}

/** A compiled module (opaque: only instantiated). */
export type WasmModule = object;

interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  Instance: new (module: WasmModule, imports: object) => { readonly exports: WasmExports };
}

export const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
