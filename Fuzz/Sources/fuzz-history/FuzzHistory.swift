import FuzzSupport
import History

/// History CSV files (SPEC §8), read as `fit` and `backtest` read them.
@main enum FuzzHistory {
    static func main() {
        runFuzzer { csv in
            _ = try? HistoryFile.read(text: csv, file: "history.csv", timeZone: "America/New_York")
        }
    }
}
