import Foundation
import Synchronization

/// A one-line progress bar on stderr, drawn only when enabled (a terminal, not `--quiet`) and
/// only once the run has taken longer than a second, so quick runs stay silent.
final class ProgressBar: Sendable {
    private struct State {
        var drawn = false
        var lastDraw = 0.0
        var bar = ""
    }

    private let enabled: Bool
    private let start = Date()
    private let state = Mutex(State())

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func update(_ done: Int, _ total: Int) {
        guard enabled else { return }
        let elapsed = Date().timeIntervalSince(start)
        guard elapsed > 1 else { return }
        state.withLock { state in
            guard done == total || elapsed - state.lastDraw >= 0.1 else { return }
            state.lastDraw = elapsed
            state.drawn = true
            let width = 30
            let filled = total > 0 ? width * done / total : width
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            state.bar = "\(bar) \(done)/\(total) runs"
            let line = "\r\(state.bar)  \(String(format: "%.1f", elapsed))s"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// Shows the phase after the runs (`summarising`, `writing reports`) on the bar's line, so a
    /// long study never sits on a full bar saying nothing.
    func phase(_ name: String) {
        guard enabled else { return }
        let elapsed = Date().timeIntervalSince(start)
        guard elapsed > 1 else { return }
        state.withLock { state in
            state.drawn = true
            let line = "\r\(state.bar)\(state.bar.isEmpty ? "" : "  ")\(String(format: "%.1f", elapsed))s  \(name)…\u{1B}[K"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// Ends the bar's line, if one was drawn.
    func finish() {
        guard enabled else { return }
        state.withLock { state in
            if state.drawn { FileHandle.standardError.write(Data("\n".utf8)) }
        }
    }
}
