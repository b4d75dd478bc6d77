import FuzzSupport
import ScenarioFile

/// Replay CSV files: the input is `leads.csv` of a scenario whose first source replays it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReplay(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let csv = fuzzText(bytes, count) else { return 0 }
    _ = try? ScenarioLoader.load(yaml: FuzzWorld.scenario(replay: true), file: "scenario.yaml", replayFiles: ["leads.csv": csv])
    return 0
}
