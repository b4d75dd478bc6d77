import Foundation
import ScenarioFile
import SimulationModel

/// The capacity side of a Salesforce org's metadata folder (source format): queues with their
/// members, Omni-Channel routing configurations and presence configurations.
///
/// Read from texts (file name → XML), so that the importer stays pure. Every element a reader
/// does not use is reported (a warning naming the file and line), never dropped silently.
struct SalesforceMetadata {
    /// `queues/NAME.queue-meta.xml`.
    struct QueueFile {
        /// The queue's API name (the file name), as `assignedTo` names it.
        var name: String
        var label: String?
        /// Member users (user names, usually e-mails), in file order.
        var users: [String]
        /// The `queueRoutingConfig` it uses (the config's API name).
        var routingConfig: String?
    }

    /// `queueRoutingConfigs/NAME.queueRoutingConfig-meta.xml`.
    struct RoutingConfig {
        var name: String
        var label: String?
        /// LEAST_ACTIVE, MOST_AVAILABLE, …
        var routingModel: String?
        var routingPriority: String?
        /// Seconds an offered item waits for the rep before it is pushed to another.
        var pushTimeout: Seconds?
        /// The user who gets the queue's work when no member can take it.
        var overflowAssignee: String?
        /// How much of a rep's capacity one item takes (default 1).
        var capacityWeight: Double?
        var skills: [String]
    }

    /// `presenceUserConfigs/NAME.presenceUserConfig-meta.xml`.
    struct PresenceConfig {
        var name: String
        /// Work items (at weight 1) a rep with this configuration holds at once.
        var capacity: Double?
        var users: [String]
    }

    var queues: [String: QueueFile] = [:]
    var routingConfigs: [String: RoutingConfig] = [:]
    var presence: [PresenceConfig] = []
    var warnings: [Diagnostic] = []
    var errors: [Diagnostic] = []

    /// The folder kinds read here, by the folder their files sit in and the files' suffix.
    static let kinds: [(folder: String, suffix: String)] = [
        ("queues", ".queue-meta.xml"), ("queueRoutingConfigs", ".queueRoutingConfig-meta.xml"),
        ("presenceUserConfigs", ".presenceUserConfig-meta.xml"),
    ]

    /// Reads every queue, routing configuration and presence configuration among `files`
    /// (path → text); other files are not looked at.
    init(files: [String: String]) {
        for path in files.keys.sorted() {
            let fileName = URL(fileURLWithPath: path).lastPathComponent
            guard let kind = Self.kinds.first(where: { fileName.hasSuffix($0.suffix) }), let text = files[path] else { continue }
            let name = String(fileName.dropLast(kind.suffix.count))
            let root: XMLElement
            do {
                root = try XMLTree.parse(text)
            } catch {
                errors.append(Diagnostic(severity: .error, file: path, line: error.line, column: error.column, keyPath: "",
                                         message: error.message))
                continue
            }
            let file = ElementReader(file: path, lines: text.split(separator: "\n", omittingEmptySubsequences: false))
            switch kind.folder {
            case "queues": readQueue(root, name: name, file)
            case "queueRoutingConfigs": readRoutingConfig(root, name: name, file)
            default: readPresence(root, name: name, file)
            }
        }
    }

    /// Whether any metadata besides assignment rules was found.
    var isEmpty: Bool { queues.isEmpty && routingConfigs.isEmpty && presence.isEmpty }

    private mutating func readQueue(_ root: XMLElement, name: String, _ file: ElementReader) {
        guard file.expect(root, "Queue", into: &errors) else { return }
        var queue = QueueFile(name: name, label: root.value("name"), users: [], routingConfig: root.value("queueRoutingConfig"))
        for child in root.children {
            switch child.name {
            case "name", "queueRoutingConfig", "doesSendEmailToMembers", "email", "fullName", "doesIncludeBosses":
                continue
            case "queueSobject":
                let objects = child.children(named: "sobjectType").map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
                if !objects.isEmpty, !objects.contains("Lead") {
                    warnings.append(file.diagnostic(.warning, child, "queue '\(name)' takes \(objects.joined(separator: ", ")), not Lead records; its members are read anyway"))
                }
            case "queueMembers":
                for group in child.children {
                    switch group.name {
                    case "users":
                        queue.users += group.children(named: "user").map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
                    default:
                        let names = group.children.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
                        warnings.append(file.diagnostic(.warning, group,
                            "queue '\(name)' has members by \(group.name) (\(names.joined(separator: ", "))): leadsim cannot tell who they are, so they are not reps of it",
                            valid: "list those users under users: in the map's queues: {\(name): {reps: [...]}}"))
                    }
                }
            default:
                warnings.append(file.unread(child, in: "queue '\(name)'"))
            }
        }
        queues[name] = queue
    }

    private mutating func readRoutingConfig(_ root: XMLElement, name: String, _ file: ElementReader) {
        guard file.expect(root, "QueueRoutingConfig", into: &errors) else { return }
        var config = RoutingConfig(name: name, label: root.value("label"), skills: [])
        for child in root.children {
            let text = child.text.trimmingCharacters(in: .whitespacesAndNewlines)
            switch child.name {
            case "label", "fullName", "capacityType", "capacityPercentage", "dropAdditionalSkillsTimeout":
                continue
            case "isAttributeBased":
                if text.lowercased() == "true" {
                    warnings.append(file.diagnostic(.warning, child,
                        "routing configuration '\(name)' routes by attributes (skills on the work item); leadsim routes by the queue's strategy alone"))
                }
            case "routingModel": config.routingModel = text
            case "routingPriority": config.routingPriority = text
            case "queueOverflowAssignee": config.overflowAssignee = text
            case "pushTimeout":
                if let seconds = Double(text), seconds > 0 { config.pushTimeout = seconds } else {
                    warnings.append(file.diagnostic(.warning, child, "pushTimeout '\(text)' is not a number of seconds above 0; not used"))
                }
            case "capacityWeight":
                if let weight = Double(text), weight > 0 { config.capacityWeight = weight } else {
                    warnings.append(file.diagnostic(.warning, child, "capacityWeight '\(text)' is not a number above 0; taken as 1"))
                }
            case "skills":
                config.skills += child.children(named: "skill").map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
            default:
                warnings.append(file.unread(child, in: "routing configuration '\(name)'"))
            }
        }
        routingConfigs[name] = config
    }

    private mutating func readPresence(_ root: XMLElement, name: String, _ file: ElementReader) {
        guard file.expect(root, "PresenceUserConfig", into: &errors) else { return }
        var config = PresenceConfig(name: name, users: [])
        for child in root.children {
            switch child.name {
            case "label", "fullName", "declineReasons", "enableAutoAccept", "enableDecline", "enableDeclineReason",
                 "enableDisconnectSound", "enableRequestSound", "presenceStatusOnDecline", "presenceStatusOnPushTimeout":
                continue
            case "capacity":
                let text = child.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if let capacity = Double(text), capacity >= 1 { config.capacity = capacity } else {
                    warnings.append(file.diagnostic(.warning, child, "capacity '\(text)' is not a number of at least 1; not used"))
                }
            case "assignments":
                for group in child.children {
                    if group.name == "users" {
                        config.users += group.children(named: "user").map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
                    } else {
                        warnings.append(file.diagnostic(.warning, group,
                            "presence configuration '\(name)' is assigned by \(group.name): leadsim cannot tell whose capacity it sets, so it is not applied to them"))
                    }
                }
            default:
                warnings.append(file.unread(child, in: "presence configuration '\(name)'"))
            }
        }
        presence.append(config)
    }

    /// The capacity (items at weight 1) of `user`'s presence configuration, and that configuration.
    func capacity(of user: String) -> (capacity: Double, config: String)? {
        for config in presence {
            if let capacity = config.capacity, config.users.contains(where: { $0.lowercased() == user.lowercased() }) {
                return (capacity, config.name)
            }
        }
        return nil
    }
}

/// Diagnostics located in one metadata file.
struct ElementReader {
    let file: String
    let lines: [Substring]

    func diagnostic(_ severity: Diagnostic.Severity, _ element: XMLElement, _ message: String, valid: String? = nil) -> Diagnostic {
        Diagnostic(severity: severity, file: file, line: element.line, column: element.column, keyPath: "", message: message,
                   valid: valid, sourceLine: element.line >= 1 && element.line <= lines.count
                       ? String(lines[element.line - 1]).trimmingTrailingCR : nil)
    }

    /// An element this importer does not read: said, not dropped.
    func unread(_ element: XMLElement, in what: String) -> Diagnostic {
        diagnostic(.warning, element, "<\(element.name)> of \(what) has no leadsim counterpart; not imported")
    }

    /// Whether the root is `name`; an error otherwise.
    func expect(_ root: XMLElement, _ name: String, into errors: inout [Diagnostic]) -> Bool {
        guard root.name == name else {
            errors.append(diagnostic(.error, root, "the root element is <\(root.name)>, not <\(name)>"))
            return false
        }
        return true
    }
}
