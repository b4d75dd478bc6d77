"""Shared by the peer models: the M/M/c parameters, the exact mean wait and the output line."""
import math
import statistics

SERVERS = 50
LAMBDA = 45.0 / 60  # arrivals per second
MU = 1.0 / 60       # services per second per server

# Student t 0.975 quantiles by degrees of freedom (1..30).
T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
        2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
        2.045, 2.042]


def erlang_c_mean_wait(c=SERVERS, lam=LAMBDA, mu=MU):
    a = lam / mu
    b = 1.0
    for k in range(1, c + 1):
        b = a * b / (k + a * b)
    p_wait = c * b / (c - a * (1 - b))
    return p_wait / (c * mu - lam)


def report(name, waits, leads, best_rate):
    n = len(waits)
    mean = statistics.fmean(waits)
    half = T975[min(n - 1, 30) - 1] * statistics.stdev(waits) / math.sqrt(n) if n > 1 else 0.0
    print(f"{name} leads_per_s={best_rate:.0f} mean_wait_s={mean:.4f} ci_low={mean - half:.4f} "
          f"ci_high={mean + half:.4f} replications={n} leads={leads} exact={erlang_c_mean_wait():.4f}", flush=True)
