import FuzzSupport
import ScenarioFile

/// Replay CSV files: the input is `leads.csv` of a scenario whose first source replays it.
@main enum FuzzReplay {
    static func main() {
        let scenario = FuzzWorld.scenario(replay: true)
        runFuzzer { csv in
            _ = try? ScenarioLoader.load(yaml: scenario, file: "scenario.yaml", replayFiles: ["leads.csv": csv])
        }
    }
}
