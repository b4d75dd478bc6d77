import Foundation
import Yams

/// The top-level sections of a YAML mapping as they are written, comments included: what a
/// tool that rewrites part of a file (`leadsim fit --scenario`) copies unchanged.
public enum TopLevelSections {
    /// Each top-level key with its text, from the key's line to the line before the next key;
    /// empty when `yaml` is not a mapping.
    public static func of(yaml: String) -> [(key: String, text: String)] {
        guard let node = try? Yams.compose(yaml: yaml), let mapping = node.mapping else { return [] }
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let starts = mapping.compactMap { pair -> (String, Int)? in
            guard let key = pair.key.string, let mark = pair.key.mark else { return nil }
            return (key, mark.line - 1)
        }
        return starts.enumerated().map { i, entry in
            let end = i + 1 < starts.count ? starts[i + 1].1 : lines.count
            var body = lines[entry.1..<max(entry.1, end)]
            while let last = body.last, last.trimmingCharacters(in: .whitespaces).isEmpty || last.hasPrefix("#") {
                body.removeLast()
            }
            return (entry.0, body.joined(separator: "\n") + "\n")
        }
    }
}
