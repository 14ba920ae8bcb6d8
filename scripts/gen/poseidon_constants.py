#!/usr/bin/env python3
"""Generates primitives/data/src/poseidon/constants.rs with the Poseidon paper's Grain LFSR
procedure (hadeshash generate_parameters_grain.sage: field 1, S-box 0, n = 255).

    python3 scripts/gen/poseidon_constants.py > primitives/data/src/poseidon/constants.rs

Also checks itself against the authors' published vector for poseidonperm_x5_255_3 before
it prints anything. `tests/poseidon.rs` re-derives the same tables with arkworks' Grain
implementation, so the constants are checked by two independent implementations.
"""
import sys

P = 0x73EDA753299D7D483339D80809A1D80553BDA402FFFE5BFEFFFFFFFF00000001
N = 255


class Grain:
    def __init__(self, t, rf, rp):
        bits = [0, 1, 0, 0, 0, 0]  # field = 1 (two bits), sbox = 0 (four bits)
        bits += [int(b) for b in format(N, "012b")]
        bits += [int(b) for b in format(t, "012b")]
        bits += [int(b) for b in format(rf, "010b")]
        bits += [int(b) for b in format(rp, "010b")]
        bits += [1] * 30
        self.s = bits
        for _ in range(160):
            self._next()

    def _next(self):
        s = self.s
        b = s[62] ^ s[51] ^ s[38] ^ s[23] ^ s[13] ^ s[0]
        self.s = s[1:] + [b]
        return b

    def bit(self):
        # self-shrinking: take pairs, output the second when the first is 1
        while True:
            a = self._next()
            b = self._next()
            if a == 1:
                return b

    def element(self):
        v = 0
        for _ in range(N):
            v = (v << 1) | self.bit()
        return v

    def rejection(self):
        while True:
            v = self.element()
            if v < P:
                return v

    def mod_p(self):
        return self.element() % P


def params(t, rf, rp):
    g = Grain(t, rf, rp)
    ark = [g.rejection() for _ in range((rf + rp) * t)]
    xs = [g.mod_p() for _ in range(t)]
    ys = [g.mod_p() for _ in range(t)]
    mds = [[pow((xs[i] + ys[j]) % P, P - 2, P) for j in range(t)] for i in range(t)]
    return ark, mds


def permute(state, ark, mds, rf, rp):
    t = len(state)
    for r in range(rf + rp):
        state = [(s + ark[r * t + i]) % P for i, s in enumerate(state)]
        if r < rf // 2 or r >= rf // 2 + rp:
            state = [pow(s, 5, P) for s in state]
        else:
            state[0] = pow(state[0], 5, P)
        state = [sum(mds[i][j] * state[j] for j in range(t)) % P for i in range(t)]
    return state


def mat_mul(a, b):
    n, m, k = len(a), len(b[0]), len(b)
    return [[sum(a[i][l] * b[l][j] for l in range(k)) % P for j in range(m)] for i in range(n)]


def mat_inv(a):
    n = len(a)
    m = [row[:] + [int(i == j) for j in range(n)] for i, row in enumerate(a)]
    for col in range(n):
        piv = next(r for r in range(col, n) if m[r][col] % P)
        m[col], m[piv] = m[piv], m[col]
        inv = pow(m[col][col], P - 2, P)
        m[col] = [x * inv % P for x in m[col]]
        for r in range(n):
            if r != col and m[r][col]:
                f = m[r][col]
                m[r] = [(x - f * y) % P for x, y in zip(m[r], m[col])]
    return [row[n:] for row in m]


def optimize(ark, mds, t, rf, rp):
    """The equivalent fast form of the partial rounds (Poseidon paper, appendix B).

    Constants: lanes 1.. of a partial round's constants are carried forward through the
    MDS, leaving one scalar per partial round; the carry joins the constants of the first
    full round after them. Matrices: the MDS of each partial round is factored backwards
    as S * D with D = diag(1, D^) and S sparse (first row, first column, identity); D
    commutes with a partial round and moves into the round before, until it joins the
    matrix of the last full round before the partial rounds.
    """
    half = rf // 2
    carry = [0] * t
    scalars = []
    for r in range(half, half + rp):
        c = [(ark[r * t + i] + carry[i]) % P for i in range(t)]
        scalars.append(c[0])
        rest = [0] + c[1:]
        carry = [sum(mds[i][j] * rest[j] for j in range(t)) % P for i in range(t)]
    post = [(ark[(half + rp) * t + i] + carry[i]) % P for i in range(t)]
    sparse = [None] * rp
    cur = mds
    for r in reversed(range(rp)):
        m_hat = [row[1:] for row in cur[1:]]
        s_row = [x for x in mat_mul([cur[0][1:]], mat_inv(m_hat))[0]]
        s_col = [cur[i][0] for i in range(1, t)]
        sparse[r] = (cur[0][0], s_row, s_col)
        d = [[int(i == j) for j in range(t)] for i in range(t)]
        for i in range(1, t):
            for j in range(1, t):
                d[i][j] = m_hat[i - 1][j - 1]
        cur = mat_mul(d, mds)
    return scalars, post, sparse, cur


def permute_optimized(state, ark, mds, t, rf, rp, opt):
    scalars, post, sparse, pre = opt
    half = rf // 2
    for r in range(half):
        state = [pow((s + ark[r * t + i]) % P, 5, P) for i, s in enumerate(state)]
        m = pre if r == half - 1 else mds
        state = [sum(m[i][j] * state[j] for j in range(t)) % P for i in range(t)]
    for k in range(rp):
        state[0] = pow((state[0] + scalars[k]) % P, 5, P)
        s00, s_row, s_col = sparse[k]
        x0 = state[0]
        y0 = (s00 * x0 + sum(a * b for a, b in zip(s_row, state[1:]))) % P
        state = [y0] + [(s_col[i] * x0 + state[1 + i]) % P for i in range(t - 1)]
    for r in range(half + rp, rf + rp):
        c = post if r == half + rp else ark[r * t:(r + 1) * t]
        state = [pow((s + c[i]) % P, 5, P) for i, s in enumerate(state)]
        state = [sum(mds[i][j] * state[j] for j in range(t)) % P for i in range(t)]
    return state


def check_reference():
    ark, mds = params(3, 8, 57)
    out = permute([0, 1, 2], ark, mds, 8, 57)
    expected = [
        0x28CE19420FC246A05553AD1E8C98F5C9D67166BE2C18E9E4CB4B4E317DD2A78A,
        0x51F3E312C95343A896CFD8945EA82BA956C1118CE9B9859B6EA56637B4B1DDC4,
        0x3B2B69139B235626A0BFB56C9527AE66A7BF486AD8C11C14D1DA0C69BBE0F79A,
    ]
    if out != expected:
        sys.exit("Grain generator does not reproduce poseidonperm_x5_255_3")


def limbs(v):
    return "[" + ", ".join("0x%016x" % ((v >> (64 * i)) & (2**64 - 1)) for i in range(4)) + "]"


def main():
    check_reference()
    t, rf, rp = 17, 8, 57
    ark, mds = params(t, rf, rp)
    opt = optimize(ark, mds, t, rf, rp)
    for seed in range(3):
        x = [(seed * 1000 + i * 7919) % P for i in range(t)]
        if permute_optimized(x, ark, mds, t, rf, rp, opt) != permute(x, ark, mds, rf, rp):
            sys.exit("optimized partial rounds differ from the plain permutation")
    scalars, post, sparse, pre = opt
    out = []
    out.append("//! Poseidon tables for t = 17, R_F = 8, R_P = 57 over the BLS12-381 scalar field.")
    out.append("//!")
    out.append("//! Generated by `python3 scripts/gen/poseidon_constants.py`; do not edit.")
    out.append("//! Canonical (non-Montgomery) little-endian limbs.")
    out.append("")
    out.append("use crate::field::Fr;")
    out.append("use ark_ff::BigInt;")
    out.append("")
    out.append("const fn c(limbs: [u64; 4]) -> Fr {")
    out.append("\tFr::new(BigInt::new(limbs))")
    out.append("}")
    out.append("")
    out.append("/// Round constants, one row of 17 per round.")
    out.append("#[rustfmt::skip]")
    out.append("pub static ROUND_CONSTANTS: [[Fr; 17]; 65] = [")
    for r in range(rf + rp):
        out.append("\t[")
        for i in range(t):
            out.append("\t\tc(%s)," % limbs(ark[r * t + i]))
        out.append("\t],")
    out.append("];")
    out.append("")
    out.append("/// The Cauchy MDS matrix, row by row.")
    out.append("#[rustfmt::skip]")
    out.append("pub static MDS: [[Fr; 17]; 17] = [")
    for i in range(t):
        out.append("\t[")
        for j in range(t):
            out.append("\t\tc(%s)," % limbs(mds[i][j]))
        out.append("\t],")
    out.append("];")
    out.append("")
    out.append("/// Fast form, partial rounds: the scalar added to lane 0 in each partial round.")
    out.append("#[rustfmt::skip]")
    out.append("pub static OPT_PARTIAL_CONSTANTS: [Fr; 57] = [")
    for v in scalars:
        out.append("\tc(%s)," % limbs(v))
    out.append("];")
    out.append("")
    out.append("/// Fast form: the constants of the first full round after the partial rounds.")
    out.append("#[rustfmt::skip]")
    out.append("pub static OPT_POST_CONSTANTS: [Fr; 17] = [")
    for v in post:
        out.append("\tc(%s)," % limbs(v))
    out.append("];")
    out.append("")
    out.append("/// Fast form: the matrix of the last full round before the partial rounds.")
    out.append("#[rustfmt::skip]")
    out.append("pub static OPT_PRE_MATRIX: [[Fr; 17]; 17] = [")
    for row in pre:
        out.append("\t[")
        for v in row:
            out.append("\t\tc(%s)," % limbs(v))
        out.append("\t],")
    out.append("];")
    out.append("")
    out.append("/// Fast form: per partial round the sparse matrix `[m00, first row (16), first column (16)]`.")
    out.append("#[rustfmt::skip]")
    out.append("pub static OPT_SPARSE: [[Fr; 33]; 57] = [")
    for s00, s_row, s_col in sparse:
        out.append("\t[")
        for v in [s00] + s_row + s_col:
            out.append("\t\tc(%s)," % limbs(v))
        out.append("\t],")
    out.append("];")
    print("\n".join(out))


if __name__ == "__main__":
    main()
