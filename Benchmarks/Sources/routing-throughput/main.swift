import Foundation
import RoutingFixture

// Routes (and assigns) the fixture's 1,000,000 leads a few times on one thread and prints
// the best leads/s of each mode, by the thread's CPU time (robust on a shared machine).
let fixture = RoutingFixture()
let rounds = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 5

func cpuSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

func best(_ body: () -> Int) -> Double {
    var fastest = Double.infinity
    var checksum = 0
    for _ in 0..<rounds {
        let start = cpuSeconds()
        checksum &+= body()
        fastest = min(fastest, cpuSeconds() - start)
    }
    precondition(checksum != 42)
    return Double(RoutingFixture.leadCount) / fastest
}

let routing = best { routeOnly(fixture) }
var state = fixture.compiled.makeAssignmentState()
var reps = BenchReps(count: fixture.repCount)
var random = SplitMix(state: 7)
let both = best { routeAndAssign(fixture, state: &state, reps: &reps, random: &random) }
print(String(format: "route only:       %.2f M leads/s", routing / 1e6))
print(String(format: "route + assign:   %.2f M leads/s", both / 1e6))
