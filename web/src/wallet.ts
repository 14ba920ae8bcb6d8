// The browser wallet: any extension that follows the injected-web3 standard (polkadot.js,
// Talisman, SubWallet). Purchases are signed with CheckMetadataHash enabled (mode 1 and the
// runtime's metadata hash), the path Ledger users need; gateway requests are signed with
// the wallet's signRaw (which wraps the bytes in <Bytes>…</Bytes>; the gateway accepts that).
import { web3Accounts, web3Enable, web3FromSource } from '@polkadot/extension-dapp';
import type { InjectedAccountWithMeta } from '@polkadot/extension-inject/types';
import type { Signer } from '@polkadot/types/types';
import { merkleizeMetadata } from '@polkadot-api/merkleize-metadata';
import { u8aToHex } from '@polkadot/util';
import type { Chain } from './chain';

export type Account = InjectedAccountWithMeta;

export class WalletError extends Error {}

/** Asks every installed extension for access; returns the accounts they share, their
 * addresses in the chain's SS58 format. */
export async function connectWallet(ss58Format?: number): Promise<Account[]> {
  const extensions = await web3Enable('Loam');
  if (extensions.length === 0) {
    throw new WalletError(
      'No wallet extension answered. Install polkadot.js, Talisman or SubWallet, allow this site, and try again.',
    );
  }
  const accounts = await web3Accounts({ ss58Format });
  if (accounts.length === 0) throw new WalletError('The wallet shares no account with this site.');
  return accounts;
}

export async function signerOf(account: Account): Promise<Signer> {
  const injected = await web3FromSource(account.meta.source);
  if (!injected.signer?.signPayload) throw new WalletError(`${account.meta.source} cannot sign transactions`);
  return injected.signer;
}

/** The runtime's metadata hash (RFC-0078), as CheckMetadataHash checks it. */
export async function metadataHash(chain: Chain): Promise<`0x${string}`> {
  const api = chain.api;
  const raw = (await api.call.metadata.metadataAtVersion(15)) as any;
  if (raw.isNone) throw new WalletError('the node does not serve metadata V15');
  const version = api.runtimeVersion;
  const merkleized = merkleizeMetadata(raw.unwrap().toU8a(true), {
    decimals: chain.native.decimals,
    tokenSymbol: chain.native.symbol,
    specName: version.specName.toString(),
    specVersion: version.specVersion.toNumber(),
    base58Prefix: api.registry.chainSS58 ?? 42,
  });
  return u8aToHex(merkleized.digest()) as `0x${string}`;
}

/** Signs `message` with the account's wallet (signRaw); the 64-byte signature. */
export async function signBytes(account: Account, message: Uint8Array): Promise<`0x${string}`> {
  const signer = await signerOf(account);
  if (!signer.signRaw) throw new WalletError(`${account.meta.source} cannot sign messages`);
  const { signature } = await signer.signRaw({ address: account.address, data: u8aToHex(message), type: 'bytes' });
  // sr25519 signatures are 64 bytes; a MultiSignature-prefixed one is cut to them.
  return (signature.length === 2 + 2 * 65 ? `0x${signature.slice(4)}` : signature) as `0x${string}`;
}
