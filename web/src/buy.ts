// A purchase: the price and the fee estimate before, the wallet's signature (with
// CheckMetadataHash), inclusion, and the grant after.
import type { Chain, Dataset, Json, Offer } from './chain';
import { metadataHash, signerOf, type Account } from './wallet';

export interface Estimate {
  fee: bigint;
  quote: Json | null;
  balance: bigint;
  feeBalance: bigint;
}

function purchaseTx(chain: Chain, d: Dataset, offer: Offer) {
  // The price the buyer saw is the most they pay: the chain refuses a higher one.
  return chain.api.tx.market.purchase(d.id, offer.index, offer.price);
}

export async function estimate(chain: Chain, account: Account, d: Dataset, offer: Offer): Promise<Estimate> {
  const [info, quote, balance, feeBalance] = await Promise.all([
    purchaseTx(chain, d, offer).paymentInfo(account.address),
    chain.quote(d.id, offer.index),
    chain.balance(account.address, offer.asset),
    chain.balance(account.address, chain.native),
  ]);
  return { fee: BigInt(info.partialFee.toString()), quote, balance, feeBalance };
}

export class ChainError extends Error {}

/** Signs and submits the purchase; resolves with the block it is in. */
export async function purchase(
  chain: Chain,
  account: Account,
  d: Dataset,
  offer: Offer,
  onStatus: (s: string) => void,
): Promise<string> {
  const signer = await signerOf(account);
  onStatus('Computing the metadata hash (CheckMetadataHash)…');
  const hash = await metadataHash(chain);
  onStatus('Waiting for your wallet to sign…');
  const tx = purchaseTx(chain, d, offer);
  return new Promise<string>((resolve, reject) => {
    let unsub: (() => void) | undefined;
    const done = (f: () => void) => {
      unsub?.();
      f();
    };
    tx.signAndSend(account.address, { signer, mode: 1, metadataHash: hash }, (result) => {
      const { status, dispatchError } = result;
      if (status.isReady || status.isBroadcast) onStatus('Submitted; waiting for a block…');
      if (status.isInBlock || status.isFinalized) {
        if (dispatchError) {
          let why = dispatchError.toString();
          if (dispatchError.isModule) {
            const m = chain.api.registry.findMetaError(dispatchError.asModule);
            why = `${m.section}::${m.name}: ${m.docs.join(' ')}`;
          }
          done(() => reject(new ChainError(why)));
        } else {
          done(() => resolve((status.isInBlock ? status.asInBlock : status.asFinalized).toHex()));
        }
      } else if (status.isDropped || status.isInvalid || status.isUsurped) {
        done(() => reject(new ChainError(`the transaction was ${status.type.toLowerCase()}`)));
      }
    })
      .then((u) => (unsub = u))
      .catch((e: Error) => reject(new ChainError(e.message)));
  });
}
