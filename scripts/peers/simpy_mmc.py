"""M/M/50 FIFO in SimPy: python simpy_mmc.py LEADS REPLICATIONS. One process per lead, one Resource."""
import random
import sys
import time

import simpy

from common import LAMBDA, MU, SERVERS, report


def replicate(leads, seed):
    rng = random.Random(seed)
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=SERVERS)
    total = [0.0]

    def lead(env):
        arrived = env.now
        with servers.request() as request:
            yield request
            total[0] += env.now - arrived
            yield env.timeout(rng.expovariate(MU))

    def source(env):
        for _ in range(leads):
            yield env.timeout(rng.expovariate(LAMBDA))
            env.process(lead(env))

    env.process(source(env))
    env.run()
    return total[0] / leads


def main():
    leads, replications = int(sys.argv[1]), int(sys.argv[2])
    waits, best = [], 0.0
    for k in range(replications):
        began = time.perf_counter()
        waits.append(replicate(leads, 1000 + k))
        best = max(best, leads / (time.perf_counter() - began))
    report("simpy", waits, leads, best)


if __name__ == "__main__":
    main()
