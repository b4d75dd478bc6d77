import Foundation
import ScenarioFile

/// The version written into study records; `merge` refuses records of another version.
public let leadsimVersion = "0.1.0"

/// Why a use case did not produce its answer, with the text a terminal front end shows.
///
/// `kind` says what happened (the command line maps `.invalidInput` to exit 1 and
/// `.targetNotMet` to exit 3); `message` is the complete text as `leadsim` prints it (it may
/// span several lines, and may be empty when the front end has already shown everything);
/// `diagnostics` are the file diagnostics behind an invalid input, when there are any.
public struct StudyError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Hashable {
        /// Files, values or records that cannot be used.
        case invalidInput
        /// The study ran, but no answer meets its targets (staff, verify).
        case targetNotMet
    }

    public var kind: Kind
    public var message: String
    public var diagnostics: [Diagnostic]
    /// Errors found beyond `LoadFailure.cap` and not in `diagnostics`.
    public var omitted: Int

    public init(_ kind: Kind, message: String, diagnostics: [Diagnostic] = [], omitted: Int = 0) {
        self.kind = kind
        self.message = message
        self.diagnostics = diagnostics
        self.omitted = omitted
    }

    /// Invalid input with the terminal text `message`.
    public static func invalidInput(_ message: String, diagnostics: [Diagnostic] = [], omitted: Int = 0) -> StudyError {
        StudyError(.invalidInput, message: message, diagnostics: diagnostics, omitted: omitted)
    }

    /// No answer meets the targets; `message` is the verdict saying so.
    public static func targetNotMet(_ message: String) -> StudyError { StudyError(.targetNotMet, message: message) }

    public var description: String { message }
}

/// Runs `body`; a `StudyError` passes through, any other error becomes invalid input shown
/// as `prefix` + the error (`error: …`, as the command line has always printed it).
func attempt<T>(_ prefix: String = "error: ", _ body: () throws -> T) throws(StudyError) -> T {
    do {
        return try body()
    } catch let error as StudyError {
        throw error
    } catch {
        throw .invalidInput(prefix + "\(error)")
    }
}

/// Runs `body`; an error it throws becomes invalid input shown as `Error: …`, the way the
/// command line has always shown an unexpected error (as ArgumentParser prints an error
/// that escapes a command: a `LocalizedError`'s description, else the error itself).
func attemptUnexpected<T>(_ body: () throws -> T) throws(StudyError) -> T {
    do {
        return try body()
    } catch let error as StudyError {
        throw error
    } catch {
        throw .invalidInput("Error: " + ((error as? LocalizedError)?.errorDescription ?? "\(error)"))
    }
}
