// Amounts, percentages, addresses as people read them.

/** `amount` in the smallest unit of a token with `decimals`, e.g. 100000000 at 6 → "100". */
export function formatUnits(amount: bigint, decimals: number, symbol = ''): string {
  const neg = amount < 0n;
  const abs = neg ? -amount : amount;
  const base = 10n ** BigInt(decimals);
  const int = abs / base;
  let frac = (abs % base).toString().padStart(decimals, '0').replace(/0+$/, '');
  if (frac.length > 6) frac = frac.slice(0, 6);
  const text = `${neg ? '-' : ''}${int.toLocaleString('en-US')}${frac ? '.' + frac : ''}`;
  return symbol ? `${text} ${symbol}` : text;
}

/** Basis points as a percentage: 9424 → "94.24 %". */
export const percent = (bp: number) => `${(bp / 100).toFixed(2)} %`;

/** Parts per million as a percentage. */
export const ppm = (x: number) => `${(x / 10_000).toFixed(2)} %`;

export const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-6)}`;

export const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const bytes = (n: number) =>
  n < 1024 ? `${n} B` : n < 1 << 20 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / (1 << 20)).toFixed(1)} MiB`;
