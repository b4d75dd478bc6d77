"""M/M/50 FIFO in Ciw: python ciw_mmc.py LEADS REPLICATIONS (time in seconds, like the others)."""
import sys
import time

import ciw

from common import LAMBDA, MU, SERVERS, report


def replicate(leads, seed):
    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=LAMBDA)],
        service_distributions=[ciw.dists.Exponential(rate=MU)],
        number_of_servers=[SERVERS],
    )
    ciw.seed(seed)
    simulation = ciw.Simulation(network)
    # Stops once `leads` leads have finished service (FIFO: nearly the first `leads` arrivals).
    simulation.simulate_until_max_customers(leads, method="Finish")
    records = simulation.get_all_records()
    waits = [r.waiting_time for r in records]
    return sum(waits) / len(waits), len(waits)


def main():
    leads, replications = int(sys.argv[1]), int(sys.argv[2])
    waits, best = [], 0.0
    for k in range(replications):
        began = time.perf_counter()
        mean, served = replicate(leads, 1000 + k)
        best = max(best, served / (time.perf_counter() - began))
        waits.append(mean)
    report("ciw", waits, leads, best)


if __name__ == "__main__":
    main()
