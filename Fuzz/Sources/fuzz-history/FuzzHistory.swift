import FuzzSupport
import History

/// History CSV files (SPEC §8), read as `fit` and `backtest` read them.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHistory(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let csv = fuzzText(bytes, count) else { return 0 }
    _ = try? HistoryFile.read(text: csv, file: "history.csv", timeZone: "America/New_York")
    return 0
}
