"""Reads the peers' result lines and prints leads/s, ratios and the mean-wait agreement check."""
import sys


def parse(path):
    rows = {}
    for line in open(path):
        name, *fields = line.split()
        rows[name] = {k: float(v) for k, v in (f.split("=") for f in fields)}
    return rows


def main():
    rows = parse(sys.argv[1])
    exact = next(iter(rows.values()))["exact"]
    print()
    print(f"{'model':<8} {'leads':>9} {'leads/s':>12} {'mean wait (s)':>14} {'95% CI':>21}  exact inside")
    ok = True
    for name, r in rows.items():
        inside = r["ci_low"] <= exact <= r["ci_high"]
        ok &= inside
        print(f"{name:<8} {int(r['leads']):>9} {r['leads_per_s']:>12,.0f} {r['mean_wait_s']:>14.3f} "
              f"{r['ci_low']:>10.3f}…{r['ci_high']:<10.3f}  {'yes' if inside else 'NO'}")
    print(f"exact Erlang C mean wait: {exact:.3f} s")
    names = list(rows)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            overlap = rows[a]["ci_low"] <= rows[b]["ci_high"] and rows[b]["ci_low"] <= rows[a]["ci_high"]
            ok &= overlap
            if not overlap:
                print(f"CIs of {a} and {b} do not overlap")
    lead = rows.get("leadsim")
    if lead:
        for name, r in rows.items():
            if name != "leadsim":
                print(f"leadsim / {name}: {lead['leads_per_s'] / r['leads_per_s']:.2f}×")
    print("mean waits agree" if ok else "mean waits DISAGREE (see above)")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
