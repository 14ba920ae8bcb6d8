// A test wallet extension for the browser test: it follows the injected-web3 standard
// (what polkadot.js, Talisman and SubWallet inject) and is backed by the dev keyring.
// It signs payloads as the polkadot.js extension does (ExtrinsicPayload from the dApp's
// JSON) and refuses one without CheckMetadataHash enabled, and it wraps raw messages in
// <Bytes>…</Bytes> as every wallet does. Each signature it gives is recorded in
// `window.__loamWallet.signed` for the test to inspect.
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { TypeRegistry } from '@polkadot/types';
import type { SignerPayloadJSON, SignerPayloadRaw } from '@polkadot/types/types';
import { u8aToHex, u8aWrapBytes } from '@polkadot/util';
import { cryptoWaitReady, decodeAddress } from '@polkadot/util-crypto';

const NAMES = ['Charlie', 'Dave'];
const signed: { kind: 'payload' | 'raw'; address: string; mode?: number; metadataHash?: string | null }[] = [];
let id = 0;

const pairs: Promise<KeyringPair[]> = cryptoWaitReady().then(() => {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 5626 });
  return NAMES.map((n) => keyring.addFromUri(`//${n}`, { name: n }));
});

/** The key of `address`, in whatever SS58 format the dApp writes it (as wallets match). */
async function pairOf(address: string): Promise<KeyringPair> {
  const key = u8aToHex(decodeAddress(address));
  const pair = (await pairs).find((p) => u8aToHex(p.publicKey) === key);
  if (!pair) throw new Error(`the test wallet holds no key for ${address}`);
  return pair;
}

const signer = {
  async signPayload(payload: SignerPayloadJSON) {
    const pair = await pairOf(payload.address);
    const mode = Number(payload.mode ?? 0);
    if (mode !== 1 || !payload.metadataHash) {
      throw new Error('the test wallet signs only with CheckMetadataHash enabled (mode 1 and a metadata hash)');
    }
    const registry = new TypeRegistry();
    registry.setSignedExtensions(payload.signedExtensions);
    const extrinsicPayload = registry.createType('ExtrinsicPayload', payload, { version: payload.version });
    const { signature } = extrinsicPayload.sign(pair);
    signed.push({ kind: 'payload', address: payload.address, mode, metadataHash: payload.metadataHash });
    return { id: ++id, signature };
  },
  async signRaw(raw: SignerPayloadRaw) {
    const pair = await pairOf(raw.address);
    signed.push({ kind: 'raw', address: raw.address });
    return { id: ++id, signature: u8aToHex(pair.sign(u8aWrapBytes(raw.data))) };
  },
};

const w = window as any;
w.__loamWallet = { signed };
w.injectedWeb3 = {
  ...(w.injectedWeb3 ?? {}),
  'loam-test-wallet': {
    version: '0.1.0',
    async enable(_origin: string) {
      const accounts = (await pairs).map((p) => ({ address: p.address, name: p.meta.name as string, type: 'sr25519' }));
      return {
        accounts: {
          get: async () => accounts,
          subscribe: (cb: (a: typeof accounts) => void) => {
            cb(accounts);
            return () => {};
          },
        },
        signer,
      };
    },
  },
};
