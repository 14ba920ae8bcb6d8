// Downloads a version's chunks from its gateway with one wallet-signed request for the
// whole version (loam_data::delivery, Action::DownloadVersion), checks every chunk in the
// browser against the Merkle root registered on chain, and assembles a CSV file.
import { decodeAddress } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import type { Dataset } from './chain';
import { Action, ALL_CHUNKS, type Verifier } from './verifier';
import { signBytes, type Account } from './wallet';

/** Seconds a signed request stays valid (the gateway allows at most 600). */
const LIFETIME_SECS = 540;
/** Chunks in flight at once. */
const PARALLEL = 4;

export class GatewayError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

interface Authorization {
  headers: Record<string, string>;
  expiry: number;
}

async function authorize(verifier: Verifier, account: Account, version: number): Promise<Authorization> {
  const expiry = Math.floor(Date.now() / 1000) + LIFETIME_SECS;
  const random = crypto.getRandomValues(new BigUint64Array(1))[0];
  const message = verifier.requestMessage(Action.DownloadVersion, version, ALL_CHUNKS, expiry, random);
  const signature = await signBytes(account, message);
  return {
    expiry,
    headers: {
      'x-loam-signer': u8aToHex(decodeAddress(account.address)),
      'x-loam-expiry': String(expiry),
      'x-loam-nonce': random.toString(),
      'x-loam-signature': signature,
      'x-loam-scope': 'version',
    },
  };
}

async function fetchChunk(d: Dataset, index: number, auth: Authorization): Promise<Uint8Array> {
  const url = `${d.endpoint}/v1/datasets/${d.id}/chunks/${index}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: auth.headers });
  } catch (e) {
    throw new GatewayError(`the gateway at ${d.endpoint} cannot be reached (${(e as Error).message})`, 0);
  }
  if (!res.ok) {
    let why = res.statusText;
    try {
      why = ((await res.json()) as { message?: string }).message ?? why;
    } catch {
      /* not JSON */
    }
    throw new GatewayError(`chunk ${index}: ${why} (HTTP ${res.status})`, res.status);
  }
  return new Uint8Array(await res.arrayBuffer());
}

export interface Progress {
  verified: number;
  chunks: number;
  rows: number;
}

/** Every chunk of `d`, verified, as CSV. Throws on the first chunk that does not verify. */
export async function downloadCsv(
  verifier: Verifier,
  account: Account,
  d: Dataset,
  onProgress: (p: Progress) => void,
): Promise<Blob> {
  let auth = await authorize(verifier, account, d.id);
  const parts: Uint8Array[] = new Array(d.chunks);
  let next = 0;
  let verified = 0;
  let rows = 0;
  const worker = async () => {
    while (next < d.chunks) {
      const index = next++;
      // Ask the wallet again before the signature runs out (a long download).
      if (auth.expiry - Math.floor(Date.now() / 1000) < 30) auth = await authorize(verifier, account, d.id);
      const envelope = await fetchChunk(d, index, auth);
      const chunk = verifier.verifyChunk(d.schema, envelope, d.merkleRoot, d.chunks, index);
      parts[index] = verifier.chunkCsv(d.schema, chunk.chunk, index === 0);
      rows += chunk.rows;
      verified += 1;
      onProgress({ verified, chunks: d.chunks, rows });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, d.chunks) }, worker));
  if (rows !== d.rows) {
    throw new GatewayError(`the chunks hold ${rows} rows, the chain registered ${d.rows}`, 0);
  }
  return new Blob(parts as BlobPart[], { type: 'text/csv' });
}
