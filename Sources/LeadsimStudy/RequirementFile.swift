import Foundation
import Staffing

/// A `requirement.json` written by `leadsim requirement`, read back by `leadsim shifts
/// --requirement`: the team, its targets and 168 `{hour, reps}` objects.
struct RequirementFile {
    var team: String?
    var targets: [String]
    /// Reps per hour of the week.
    var reps: [Int]

    /// - Throws: `StudyError` naming the file and the key that is wrong.
    static func load(path: String) throws(StudyError) -> RequirementFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidInput("error: \(path): cannot read the requirement file")
        }
        func bad(_ key: String, _ message: String) -> StudyError { .invalidInput("error: \(path): \(key): \(message)") }
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw .invalidInput("error: \(path): not JSON (\((error as NSError).localizedDescription)); "
                + "expected the requirement.json of `leadsim requirement`")
        }
        guard let object = root as? [String: Any] else { throw bad("(top level)", "expected an object with `hours`") }
        guard let hours = object["hours"] as? [Any] else {
            let suggestion = object.keys.first { $0.lowercased().contains("hour") }.map { "; did you mean 'hours' (found '\($0)')?" } ?? ""
            throw bad("hours", "missing: expected 168 objects {hour, reps}" + suggestion)
        }
        guard hours.count == WeekGrid.hours else { throw bad("hours", "expected 168 objects {hour, reps}, found \(hours.count)") }
        var reps = [Int?](repeating: nil, count: WeekGrid.hours)
        for (i, item) in hours.enumerated() {
            guard let entry = item as? [String: Any] else { throw bad("hours[\(i)]", "expected an object {hour, reps}") }
            guard let hour = entry["hour"] as? NSNumber, hour.doubleValue == hour.doubleValue.rounded(),
                  (0..<WeekGrid.hours).contains(hour.intValue) else {
                throw bad("hours[\(i)].hour", "expected a whole number 0…167 (Monday 00:00 = 0), found \(entry["hour"].map { "\($0)" } ?? "nothing")")
            }
            guard let count = entry["reps"] as? NSNumber, count.doubleValue == count.doubleValue.rounded(), count.intValue >= 0 else {
                throw bad("hours[\(i)].reps", "expected a whole number of reps ≥ 0, found \(entry["reps"].map { "\($0)" } ?? "nothing")")
            }
            guard reps[hour.intValue] == nil else { throw bad("hours[\(i)].hour", "hour \(hour.intValue) appears twice") }
            reps[hour.intValue] = count.intValue
        }
        let targets = (object["targets"] as? [Any])?.compactMap { $0 as? String } ?? []
        return RequirementFile(team: object["team"] as? String, targets: targets, reps: reps.map { $0 ?? 0 })
    }
}
