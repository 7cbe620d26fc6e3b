"""An independent, exact-integer model of one Yuma epoch and of the scenario driver.

Written from docs/spec/yuma.md (sections 1-3) and docs/spec/yuma-scenario.md, not from the Java code.
Where yuma.md is silent, the model follows the reference chain (subtensor's sparse epoch); each such
choice is marked "REFERENCE:" below. Only the standard library, only integers: a fixed-point number is a
Python int holding its raw bits, so every rounding step is written out and nothing goes through a float.

Fixed-point types (yuma.md section 1):
  I32F32: 64-bit signed, 32 fraction bits  (every epoch vector and matrix)
  I64F64: 128-bit signed, 64 fraction bits (stake normalisation, the moving-average factor)
  I96F32: 128-bit signed, 32 fraction bits (shares -> rao)
"""

F32 = 32
ONE = 1 << F32
I64_MIN, I64_MAX = -(1 << 63), (1 << 63) - 1          # I32F32 raw range
I128_MIN, I128_MAX = -(1 << 127), (1 << 127) - 1      # I64F64 and I96F32 raw range
U64_MAX = (1 << 64) - 1


def sat(v, lo=I64_MIN, hi=I64_MAX):
    return lo if v < lo else hi if v > hi else v


# ---------------------------------------------------------------- I32F32

def fx(n):
    """An integer as I32F32, exactly."""
    return sat(n << F32)


def add(a, b):
    return sat(a + b)


def sub(a, b):
    return sat(a - b)


def mul(a, b):
    """Full product, arithmetic shift right (Python's >> floors), saturating."""
    return sat((a * b) >> F32)


def tdiv(num, den):
    """Integer division truncating toward zero (Python's // floors)."""
    q = abs(num) // abs(den)
    return q if (num >= 0) == (den > 0) else -q


def div(a, b, frac=F32, lo=I64_MIN, hi=I64_MAX):
    """The safe division: (a << frac) / b truncated; 0 when b = 0 or the quotient overflows."""
    if b == 0:
        return 0
    q = tdiv(a << frac, b)
    return q if lo <= q <= hi else 0


def to_u16(x):
    """floor(x * 65535) in I32F32, clamped to [0, 65535]."""
    return max(0, min(65535, mul(x, fx(65535)) >> F32))


def fold_sum(xs):
    s = 0
    for x in xs:
        s = add(s, x)
    return s


def normalise(xs):
    """Divide each entry by the (left-fold) sum; a zero sum leaves the vector as it is."""
    s = fold_sum(xs)
    if s == 0:
        return list(xs)
    return [div(x, s) for x in xs]


# ---------------------------------------------------------------- exp (yuma.md section 1)

E_23 = 22802601  # e with 23 fraction bits


def _checked(v):
    if not (I64_MIN <= v <= I64_MAX):
        raise OverflowError
    return v


def exp(x):
    if x == 0:
        return ONE
    if x == ONE:
        return E_23 << (F32 - 23)
    a = abs(x)
    result = _checked(ONE + a)
    term = a
    for i in range(2, 32):  # i = 2..31 inclusive (REFERENCE: substrate_fixed runs 2..FRAC_NBITS)
        term = _checked((term * a) >> F32)
        term = _checked(tdiv(term << F32, i << F32))
        result = _checked(result + term)
    if x < 0:
        return _checked(tdiv(ONE << F32, result))
    return result


def exp_safe(x):
    x = max(fx(-20), min(fx(20), x))
    try:
        return exp(x)
    except OverflowError:
        return 0 if x <= 0 else I64_MAX


# ---------------------------------------------------------------- sparse matrices
# A row is a list of [dest, value] pairs in the row's own order (not necessarily sorted by dest).

def col_normalise(rows, n):
    sums = [0] * n
    for row in rows:
        for j, v in row:
            sums[j] = add(sums[j], v)
    return [[(j, v if sums[j] == 0 else div(v, sums[j])) for j, v in row] for row in rows]


def weighted_median(stake, score, idx, minority, lo, hi):
    if len(idx) == 0:
        return 0
    if len(idx) == 1:
        return score[idx[0]]
    pivot = score[idx[len(idx) // 2]]
    lower, upper = [], []
    lo_stake = hi_stake = 0
    for k in idx:
        if score[k] < pivot:
            lower.append(k)
            lo_stake = add(lo_stake, stake[k])
        elif score[k] > pivot:
            upper.append(k)
            hi_stake = add(hi_stake, stake[k])
    if minority < add(lo, lo_stake) and lower:
        return weighted_median(stake, score, lower, minority, lo, add(lo, lo_stake))
    if sub(hi, hi_stake) <= minority and upper:
        return weighted_median(stake, score, upper, minority, sub(hi, hi_stake), hi)
    return pivot


def consensus(active, w, n, kappa):
    k = div(fx(kappa), fx(65535))
    holders = [i for i in range(n) if active[i] > 0]
    use_stake = normalise([active[i] for i in holders])
    total = fold_sum(use_stake)
    minority = sub(total, k)
    cols = [[0] * len(holders) for _ in range(n)]
    for pos, i in enumerate(holders):
        for j, v in w[i]:
            cols[j][pos] = v
    order = list(range(len(holders)))
    return [weighted_median(use_stake, cols[j], order, minority, 0, total) for j in range(n)]


def ema_sparse(new, old, alpha, n):
    """EMA = alpha*new + (1-alpha)*old over dense rows, keeping entries > 0 (dest order)."""
    keep = sub(ONE, alpha)
    out = []
    for i in range(len(new)):
        row = [0] * n
        for j, v in new[i]:
            row[j] = add(row[j], mul(alpha, v))
        for j, v in old[i]:
            row[j] = add(row[j], mul(keep, v))
        out.append([(j, v) for j, v in enumerate(row) if v > 0])
    return out


def cursor_dense(row, n):
    """REFERENCE: liquid alpha reads a row through a forward cursor over its stored order, for dest
    0..n-1; an entry whose dest is lower than an earlier entry's is passed over and read as 0."""
    dense = [0] * n
    pos = 0
    for j in range(n):
        while pos < len(row) and row[pos][0] < j:
            pos += 1
        if pos < len(row) and row[pos][0] == j:
            dense[j] = row[pos][1]
            pos += 1
    return dense


def liquid_alpha_ema(wb, b, c, n, p):
    lo = div(fx(p["alpha_low"]), fx(65535))
    hi = div(fx(p["alpha_high"]), fx(65535))
    steep = div(fx(p["alpha_sigmoid_steepness"]), fx(-100))
    half = ONE >> 1
    out = []
    for i in range(n):
        wd = cursor_dense(wb[i], n)
        bd = cursor_dense(b[i], n)
        alpha = []
        for j in range(n):
            w, bond = wd[j], bd[j]
            buy = max(0, min(ONE, sub(w, c[j])))
            sell = max(0, min(ONE, sub(bond, w)))
            x = buy if w >= bond else sell
            sig = div(ONE, add(ONE, exp_safe(mul(steep, sub(x, half)))))
            a = add(lo, mul(sig, sub(hi, lo)))
            alpha.append(max(lo, min(hi, a)))
        decayed = [0] * n
        for j, v in b[i]:
            decayed[j] = mul(sub(ONE, alpha[j]), v)
        row = []
        for j, v in wb[i]:
            nv = min(ONE, add(decayed[j], max(mul(alpha[j], v), 0)))
            if nv > 0:
                row.append((j, nv))
        out.append(row)
    return out


# ---------------------------------------------------------------- the epoch (yuma.md section 3)

def epoch(st, p, block, lms, emission):
    """One epoch over state st (mutated: bonds and permits written back); returns the per-uid results."""
    n = p["n"]
    owner = p["owner_uid"]

    # 1. activity
    active_flag = [not (st["last_update"][i] + p["activity_cutoff"] < block) for i in range(n)]

    # 2. stake: threshold, then I64F64 normalisation floored to I32F32
    raw = [s if (s >= p["stake_threshold"] or i == owner) else 0 for i, s in enumerate(st["stake"])]
    if sum(raw) >= 1 << 63:  # yuma.md 3.2: shift so that the sum fits I64F64's integer part
        shift = sum(raw).bit_length() - 63
        raw = [s >> shift for s in raw]
    total = 0
    for s in raw:
        total = sat(total + (s << 64), I128_MIN, I128_MAX)
    S = [div(s << 64, total, 64, I128_MIN, I128_MAX) >> 32 for s in raw]  # all 0 when total is 0

    # 3. permits
    old = [i < len(st["permit"]) and st["permit"][i] for i in range(n)]
    if owner >= 0:
        old[owner] = True
    k = p["max_allowed_validators"]
    new = [S[i] != 0 for i in range(n)]
    if n > k:
        order = sorted(range(n), key=lambda i: S[i])  # stable, ascending
        for i in order[:n - k]:
            new[i] = False
    if owner >= 0:
        new[owner] = True

    # 4. active stake
    A = normalise([S[i] if (active_flag[i] and old[i]) else 0 for i in range(n)])

    # 5. weights
    W = []
    for i in range(n):
        row = []
        if old[i]:
            for j, v in st["weights"][i]:
                if i == j and i != owner:
                    continue
                if st["last_update"][i] <= st["registered_at"][j]:
                    continue
                row.append((j, fx(v)))
        rs = fold_sum(v for _, v in row)
        if rs > 0:
            row = [(j, div(v, rs)) for j, v in row]
        W.append(row)

    # 6. consensus
    C = consensus(A, W, n, p["kappa"])

    # 7. clip
    Wc = []
    for row in W:
        out = []
        for j, v in row:
            if C[j] < v:
                if C[j] > 0:
                    out.append((j, C[j]))
            else:
                out.append((j, v))
        Wc.append(out)

    # 8. validator trust
    VT = [fold_sum(v for _, v in row) for row in Wc]

    # 9. incentive
    R = [0] * n
    for i in range(n):
        for j, v in Wc[i]:
            R[j] = add(R[j], mul(A[i], v))
    I = normalise(R)

    # 10. weights for bonds
    beta = div(fx(p["bonds_penalty"]), fx(65535))
    if beta == 0:
        Wb = W
    elif beta == ONE:
        Wb = Wc
    else:
        Wb = []
        for i in range(n):
            r1, r2 = [0] * n, [0] * n
            for j, v in W[i]:
                r1[j] = v
            for j, v in Wc[i]:
                r2[j] = v
            row = []
            for j in range(n):
                x = add(r1[j], mul(beta, sub(r2[j], r1[j])))
                if x > 0:
                    row.append((j, x))
            Wb.append(row)

    # 11/12. bonds
    # REFERENCE: block - tempo saturates at 0 (u64 arithmetic)
    last_tempo = max(0, block - p["tempo"]) if lms == 0 else lms + 1
    # alpha = 1 - floor_to_I32F32(I64F64(bonds_moving_average) / I64F64(1_000_000))
    bma = sat(p["bonds_moving_average"] << 64, I128_MIN, I128_MAX)
    alpha_fixed = sub(ONE, div(bma, 1_000_000 << 64, 64, I128_MIN, I128_MAX) >> 32)

    def read_bonds(scale):
        out = []
        for i in range(n):
            out.append([(j, scale(v)) for j, v in st["bonds"][i] if not last_tempo <= st["registered_at"][j]])
        return out

    if not p["yuma3"]:
        B = col_normalise(read_bonds(fx), n)
        dB = col_normalise([[(j, mul(v, A[i])) for j, v in Wb[i]] for i in range(n)], n)
        ema = col_normalise(ema_sparse(dB, B, alpha_fixed, n), n)
        D = [0] * n
        for i in range(n):
            for j, v in ema[i]:
                D[i] = add(D[i], mul(I[j], v))
        D = normalise(D)
        col_max = [0] * n
        for row in ema:
            for j, v in row:
                if col_max[j] < v:
                    col_max[j] = v
        stored = [[(j, to_u16(v if col_max[j] == 0 else div(v, col_max[j]))) for j, v in row] for row in ema]
    else:
        B = read_bonds(lambda v: div(fx(v), fx(65535)))
        if p["liquid_alpha"] and any(c != 0 for c in C):
            ema = liquid_alpha_ema(Wb, B, C, n, p)
        else:
            # REFERENCE: yuma.md says "the same sparse EMA"; as the reference, that is Yuma 2's EMA
            # (dense rows, entries > 0 kept) with the same alpha
            ema = ema_sparse(Wb, B, alpha_fixed, n)
        bh = col_normalise(ema, n)
        T = [0] * n
        for i in range(n):
            for j, v in bh[i]:
                prod = mul(v, I[j])
                if prod != 0:
                    T[i] = add(T[i], prod)
        D = []
        for i in range(n):
            prod = (T[i] * A[i]) >> F32
            D.append(prod if I64_MIN <= prod <= I64_MAX else 0)
        D = normalise(D)
        stored = [[(j, to_u16(v)) for j, v in row] for row in ema]

    # 13. emission
    E = [add(I[i], D[i]) for i in range(n)]
    total_e = fold_sum(E)
    server = [div(x, total_e) for x in I] if total_e else list(I)
    validator = [div(x, total_e) for x in D] if total_e else list(D)
    combined = normalise(E)
    if total_e == 0:
        fallback = S if all(a == 0 for a in A) else A
        validator = list(fallback)
        combined = list(fallback)

    def rao(share):
        v = sat((share * (emission << F32)) >> F32, I128_MIN, I128_MAX)
        return max(0, min(U64_MAX, v >> F32))

    # 14. write back
    for i in range(n):
        if new[i]:
            st["bonds"][i] = [[j, v] for j, v in stored[i]]
        elif old[i]:
            st["bonds"][i] = []
    st["permit"] = new

    return [{
        "uid": i,
        "active": active_flag[i],
        "validator_permit": new[i],
        "consensus": to_u16(C[i]),
        "incentive": to_u16(I[i]),
        "dividends": to_u16(D[i]),
        "validator_trust": to_u16(VT[i]),
        "emission": rao(combined[i]),
        "server_emission": rao(server[i]),
        "validator_emission": rao(validator[i]),
        "bonds": [[j, v] for j, v in st["bonds"][i]],
    } for i in range(n)]


# ---------------------------------------------------------------- the scenario driver (yuma-scenario.md)

SUBNET_DEFAULTS = {
    "kappa": 32767, "bonds_moving_average": 900000, "bonds_penalty": 65535, "max_allowed_validators": 8,
    "yuma3": False, "liquid_alpha": False, "alpha_low": 45875, "alpha_high": 58982,
    "alpha_sigmoid_steepness": 1000, "emission_per_epoch": 1000000000, "owner_uid": -1,
    "stake_threshold": 0, "commit_reveal": False,
}


def max_upscale(values):
    """yuma.md section 4: max-upscale to u16 in I32F32 with round-half-away."""
    if not values or max(values) == 0:
        return list(values)
    m = max(values)

    def rnd(bits):
        return (bits + (ONE >> 1)) >> F32  # values are >= 0: half away from zero is half up

    if m > 32768:
        ratio = div(fx(65535), fx(m))
        return [rnd(mul(ratio, fx(v))) for v in values]
    return [rnd(div(mul(fx(v), fx(65535)), fx(m))) for v in values]


def run(scenario):
    p = dict(SUBNET_DEFAULTS)
    p.update(scenario["subnet"])
    n = p["n"]
    st = {
        "stake": [nu["stake"] for nu in scenario["neurons"]],
        "registered_at": [nu["registered_at"] for nu in scenario["neurons"]],
        "last_update": [nu["last_update"] for nu in scenario["neurons"]],
        "weights": [[] for _ in range(n)],
        "bonds": [[] for _ in range(n)],
        "permit": [],
    }
    epochs = []
    for step in scenario["steps"]:
        (op, a), = step.items()
        if op == "set_weights":
            st["weights"][a["uid"]] = list(zip(a["dests"], max_upscale(a["values"])))
            st["last_update"][a["uid"]] = a["block"]
        elif op == "replace":
            u = a["uid"]
            st["registered_at"][u] = a["block"]
            st["last_update"][u] = a["block"]
            st["weights"][u] = []
            st["bonds"][u] = []
            if u < len(st["permit"]):
                st["permit"][u] = False
            for i in range(n):
                st["weights"][i] = [(j, 0 if j == u else v) for j, v in st["weights"][i]]
            st["stake"][u] = a["stake"]
        elif op == "set_stake":
            st["stake"][a["uid"]] = a["stake"]
        elif op == "epoch":
            neurons = epoch(st, p, a["block"], a.get("last_mechanism_step_block", 0), p["emission_per_epoch"])
            epochs.append({"block": a["block"], "neurons": neurons})
        else:
            raise ValueError("unknown op " + op)
    return {"epochs": epochs}
