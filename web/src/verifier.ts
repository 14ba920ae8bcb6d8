// loam-data in the browser: `web/verifier` (Rust) compiled to wasm. Chunks are checked
// against the on-chain Merkle root with the same code the CLI, the gateway and the
// runtime use; see web/verifier/src/lib.rs for the C ABI this wraps.
import wasmUrl from './wasm/loam_web_verifier.wasm?url';

interface Exports {
  memory: WebAssembly.Memory;
  loam_alloc(len: number): number;
  loam_free(ptr: number, len: number): void;
  loam_result_ptr(): number;
  loam_result_len(): number;
  loam_verify_chunk(sp: number, sl: number, ep: number, el: number, rp: number, chunks: number, index: number): number;
  loam_request_message(action: number, version: bigint, index: number, expiry: bigint, nonce: bigint): number;
  loam_chunk_csv(sp: number, sl: number, cp: number, cl: number, header: number): number;
}

/** What the gateway protocol's actions are numbered (loam_data::delivery::Action). */
export const Action = { Download: 0, Upload: 1, DownloadVersion: 2 } as const;
/** The index a whole-version request signs (loam_data::delivery::ALL_CHUNKS). */
export const ALL_CHUNKS = 0xffffffff;

export class VerifyError extends Error {}

export class Verifier {
  private constructor(private readonly x: Exports) {}

  static async load(): Promise<Verifier> {
    const { instance } = await WebAssembly.instantiateStreaming(fetch(wasmUrl), {});
    return new Verifier(instance.exports as unknown as Exports);
  }

  private withInputs<T>(inputs: Uint8Array[], f: (ptrs: number[]) => T): T {
    const ptrs = inputs.map((bytes) => {
      const ptr = this.x.loam_alloc(bytes.length);
      new Uint8Array(this.x.memory.buffer, ptr, bytes.length).set(bytes);
      return ptr;
    });
    try {
      return f(ptrs);
    } finally {
      ptrs.forEach((p, i) => this.x.loam_free(p, inputs[i].length));
    }
  }

  private result(status: number): Uint8Array {
    const out = new Uint8Array(this.x.memory.buffer, this.x.loam_result_ptr(), this.x.loam_result_len()).slice();
    if (status !== 0) throw new VerifyError(new TextDecoder().decode(out));
    return out;
  }

  /** Checks a gateway envelope for chunk `index`; returns its rows and the chunk's SCALE bytes. */
  verifyChunk(schema: Uint8Array, envelope: Uint8Array, merkleRoot: Uint8Array, chunks: number, index: number): { rows: number; chunk: Uint8Array } {
    if (merkleRoot.length !== 32) throw new VerifyError('the Merkle root is not 32 bytes');
    const status = this.withInputs([schema, envelope, merkleRoot], ([s, e, r]) =>
      this.x.loam_verify_chunk(s, schema.length, e, envelope.length, r, chunks, index),
    );
    const out = this.result(status);
    return { rows: new DataView(out.buffer).getUint32(0, true), chunk: out.subarray(36) };
  }

  /** The bytes a wallet signs for a gateway request. */
  requestMessage(action: number, version: number, index: number, expiry: number, nonce: bigint): Uint8Array {
    return this.result(this.x.loam_request_message(action, BigInt(version), index, BigInt(expiry), nonce));
  }

  /** CSV text of one verified chunk. */
  chunkCsv(schema: Uint8Array, chunk: Uint8Array, header: boolean): Uint8Array {
    const status = this.withInputs([schema, chunk], ([s, c]) =>
      this.x.loam_chunk_csv(s, schema.length, c, chunk.length, header ? 1 : 0),
    );
    return this.result(status);
  }
}
