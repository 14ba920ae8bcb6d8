// The lineage of a version as an SVG graph: its ancestors down to it, then its children.
export interface LineageNode {
  id: number;
  label: string;
  detail: string;
}

const W = 190;
const H = 46;
const GAP_X = 24;
const GAP_Y = 34;

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** `ancestors` root first, then `self`, then its `children` side by side below it. */
export function lineageSvg(ancestors: LineageNode[], self: LineageNode, children: LineageNode[]): string {
  const spine = [...ancestors, self];
  const width = Math.max(1, children.length) * (W + GAP_X) + GAP_X;
  const cx = width / 2;
  const boxes: string[] = [];
  const edges: string[] = [];
  const box = (n: LineageNode, x: number, y: number, current: boolean) =>
    `<g class="node${current ? ' current' : ''}" data-lineage="${n.id}"><a href="#/dataset/${n.id}">` +
    `<rect x="${x}" y="${y}" width="${W}" height="${H}" rx="6"/>` +
    `<text x="${x + 10}" y="${y + 19}" class="label">#${n.id} ${esc(n.label).slice(0, 22)}</text>` +
    `<text x="${x + 10}" y="${y + 36}" class="detail">${esc(n.detail)}</text></a></g>`;
  spine.forEach((n, i) => {
    const y = GAP_Y / 2 + i * (H + GAP_Y);
    boxes.push(box(n, cx - W / 2, y, n === self));
    if (i > 0) edges.push(`<line x1="${cx}" y1="${y - GAP_Y}" x2="${cx}" y2="${y - 4}" marker-end="url(#arrow)"/>`);
  });
  const selfBottom = GAP_Y / 2 + (spine.length - 1) * (H + GAP_Y) + H;
  const y = selfBottom + GAP_Y;
  const left = cx - (children.length * (W + GAP_X) - GAP_X) / 2;
  children.forEach((n, i) => {
    const x = left + i * (W + GAP_X);
    boxes.push(box(n, x, y, false));
    edges.push(`<line x1="${cx}" y1="${selfBottom}" x2="${x + W / 2}" y2="${y - 4}" marker-end="url(#arrow)"/>`);
  });
  const height = (children.length ? y + H : selfBottom) + GAP_Y / 2;
  return (
    `<svg class="lineage" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="lineage">` +
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">` +
    `<path d="M0,0 L10,5 L0,10 z"/></marker></defs>${edges.join('')}${boxes.join('')}</svg>`
  );
}
