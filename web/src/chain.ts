// Reads the chain through the node's RPC: the registry, scores, attestations, offers and
// grants, through the runtime APIs the CLI uses (DatasetsApi, ScoringApi, MarketApi).
import { ApiPromise, WsProvider } from '@polkadot/api';
import { hexToU8a, u8aToString } from '@polkadot/util';

export type Json = Record<string, any>;

export interface Asset {
  /** `null` for the native token, else the asset's id. */
  id: number | null;
  symbol: string;
  decimals: number;
}

export interface Offer {
  index: number;
  asset: Asset;
  price: bigint;
  access: string;
  paused: boolean;
  sold: number;
  cap: number | null;
  allowList: string[] | null;
}

export interface Dataset {
  id: number;
  owner: string;
  name: string;
  description: string;
  license: string;
  tags: string[];
  endpoint: string;
  parent: number | null;
  depth: number;
  status: string;
  rows: number;
  chunks: number;
  bytes: number;
  root: string;
  merkleRoot: Uint8Array;
  schema: Uint8Array;
  registered: number;
}

export interface Score {
  outcome: 'scored' | 'unreachable' | 'mismatch';
  overallBp: number | null;
  report: Json | null;
  agreeing: number;
  validators: number;
  finalized: number;
}

export interface Attestation {
  cleaner: string;
  parent: number;
  mode: string;
  status: string;
  started: number;
}

const text = (hex: string) => u8aToString(hexToU8a(hex));

export class Chain {
  private assets = new Map<string, Asset>();

  private constructor(readonly api: ApiPromise, readonly name: string, readonly native: Asset) {}

  static async connect(url: string): Promise<Chain> {
    const provider = new WsProvider(url, 2500, {}, 30_000);
    const api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
    const props = api.registry.getChainProperties();
    const native: Asset = {
      id: null,
      symbol: props?.tokenSymbol.unwrapOrDefault()[0]?.toString() ?? 'UNIT',
      decimals: props?.tokenDecimals.unwrapOrDefault()[0]?.toNumber() ?? 12,
    };
    return new Chain(api, (await api.rpc.system.chain()).toString(), native);
  }

  async best(): Promise<number> {
    return (await this.api.rpc.chain.getHeader()).number.toNumber();
  }

  async datasetIds(): Promise<number[]> {
    const next = (await this.api.query.datasets.nextDatasetId()) as unknown as { toNumber(): number };
    return Array.from({ length: next.toNumber() }, (_, i) => i);
  }

  async dataset(id: number): Promise<Dataset | null> {
    const out = (await this.api.call.datasetsApi.dataset(id)) as any;
    if (out.isNone) return null;
    const d = out.unwrap().toJSON() as Json;
    const r = d.dataset;
    return {
      id,
      owner: this.api.createType('AccountId', r.owner).toString(),
      name: text(d.name),
      description: text(d.description),
      license: text(d.license),
      tags: (d.tags as string[]).map(text),
      endpoint: text(d.endpoint).replace(/\/+$/, ''),
      parent: r.parent ?? null,
      depth: r.depth,
      status: typeof r.status === 'string' ? r.status : Object.keys(r.status)[0],
      rows: Number(r.commitment.rows),
      chunks: Number(r.commitment.chunks),
      bytes: Number(r.commitment.bytes),
      root: r.commitment.root,
      merkleRoot: hexToU8a(r.commitment.merkleRoot),
      schema: hexToU8a(d.schema),
      registered: r.registered,
    };
  }

  async ancestors(id: number): Promise<number[]> {
    return ((await this.api.call.datasetsApi.ancestors(id)) as any).toJSON() as number[];
  }

  async children(id: number): Promise<number[]> {
    return ((await this.api.call.datasetsApi.children(id, 64)) as any).toJSON() as number[];
  }

  async score(id: number): Promise<Score | null> {
    const out = (await this.api.call.scoringApi.score(id)) as any;
    if (out.isNone) return null;
    const s = out.unwrap().toJSON() as Json;
    const [outcome, value] = Object.entries(s.outcome as Json)[0];
    const report = outcome === 'scored' ? (value as Json) : null;
    return {
      outcome: outcome as Score['outcome'],
      overallBp: report ? Number(report.overallBp) : null,
      report,
      agreeing: s.agreeing,
      validators: s.validators,
      finalized: s.finalized,
    };
  }

  async attestation(id: number): Promise<Attestation | null> {
    const out = (await this.api.query.attestations.attestations(id)) as any;
    if (out.isNone) return null;
    const a = out.unwrap().toJSON() as Json;
    const status =
      typeof a.status === 'string'
        ? a.status
        : a.status.inProgress
          ? `in progress (${a.status.inProgress.done}/${a.status.inProgress.total} chunks)`
          : Object.keys(a.status)[0];
    return {
      cleaner: this.api.createType('AccountId', a.cleaner).toString(),
      parent: a.parent,
      mode: a.mode,
      status: status.toLowerCase(),
      started: a.started,
    };
  }

  async asset(kind: Json | string): Promise<Asset> {
    if (kind === 'Native' || (typeof kind === 'object' && 'native' in kind)) return this.native;
    const id = Number((kind as Json).withId);
    const key = String(id);
    if (!this.assets.has(key)) {
      const m = ((await this.api.query.assets.metadata(id)) as any).toJSON() as Json;
      this.assets.set(key, { id, symbol: text(m.symbol) || `asset ${id}`, decimals: m.decimals });
    }
    return this.assets.get(key)!;
  }

  async offers(id: number): Promise<Offer[]> {
    const list = ((await this.api.call.marketApi.offers(id)) as any).toJSON() as [number, Json][];
    return Promise.all(
      list.map(async ([index, o]) => ({
        index,
        asset: await this.asset(o.asset),
        price: BigInt(o.price),
        access: o.access.forever !== undefined || o.access === 'Forever' ? 'forever' : `${o.access.blocks} blocks`,
        paused: o.paused,
        sold: o.sold,
        cap: o.cap ?? null,
        allowList: o.allowList ?? null,
      })),
    );
  }

  async quote(id: number, offer: number): Promise<Json | null> {
    const out = (await this.api.call.marketApi.quote(id, offer)) as any;
    return out.isNone ? null : (out.unwrap().toJSON() as Json);
  }

  async hasAccess(who: string, id: number): Promise<boolean> {
    return ((await this.api.call.marketApi.hasAccess(who, id)) as any).isTrue;
  }

  /** `who`'s grant on `id`: "forever", "until block N", or null. */
  async grant(who: string, id: number): Promise<string | null> {
    const grants = ((await this.api.call.marketApi.grants(who)) as any).toJSON() as [number, Json | string][];
    const g = grants.find(([v]) => v === id);
    if (!g) return null;
    const e = g[1];
    if (e === 'Forever' || (typeof e === 'object' && 'forever' in e)) return 'forever';
    return `until block ${(e as Json).until}`;
  }

  async balance(who: string, asset: Asset): Promise<bigint> {
    if (asset.id === null) {
      const a = ((await this.api.query.system.account(who)) as any).data;
      return BigInt(a.free.toString());
    }
    const b = (await this.api.query.assets.account(asset.id, who)) as any;
    return b.isNone ? 0n : BigInt(b.unwrap().balance.toString());
  }
}
