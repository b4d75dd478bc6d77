import ScenarioFile
import SimulationModel

/// A rep the imported rule set names, for the reps fragment of a folder import.
struct FolderRep {
    var name: String
    /// The Salesforce user it comes from.
    var user: String
    /// The team: the first metadata queue it is a member of (nil: a user target only).
    var team: String?
    /// `capacity.open` from its presence configuration and the queue's capacity weight.
    var open: Int?
    var note: String
}

extension ImportSession {
    /// The team of reps that are targets of entries but members of no queue of the folder.
    static let usersTeam = "salesforce-users"

    /// The rep a Salesforce user is: the map's `users:` rep, else the e-mail's local part as a slug.
    func repName(ofUser user: String) -> String {
        if case .rep(let rep)? = map.users[user] { return rep }
        return Self.slug(String(user.split(separator: "@").first ?? Substring(user)))
    }

    /// A Queue target read from the metadata folder: its member users as reps, picked by the
    /// strategy of its Omni-Channel routing configuration; nil when the folder has no such queue.
    mutating func metadataTarget(queue name: String, entry: XMLElement, path: String)
        -> (ImportMap.Target, SalesforceMetadata.RoutingConfig?)? {
        guard let metadata, let queue = metadata.queues[name] else { return nil }
        guard !queue.users.isEmpty else {
            report(.warning, entry, path, "queue '\(name)' has no member users in queues/\(name).queue-meta.xml; using team '\(Self.slug(name))'",
                   valid: "queues: {\(YAMLText.name(name)): TEAM} in the map file")
            return nil
        }
        var routing: SalesforceMetadata.RoutingConfig?
        if let configName = queue.routingConfig {
            routing = metadata.routingConfigs[configName]
            if routing == nil {
                report(.warning, entry, path, "queue '\(name)' uses the routing configuration '\(configName)', which the folder does not have; members are picked round-robin",
                       valid: "queueRoutingConfigs/\(configName).queueRoutingConfig-meta.xml in the folder")
            }
        }
        var strategy: Strategy?
        switch routing?.routingModel {
        case "LEAST_ACTIVE": strategy = .leastLoaded
        case "MOST_AVAILABLE": strategy = .loadRatio
        case nil: strategy = nil
        case let model?:
            report(.warning, entry, path, "routing model '\(model)' of queue '\(name)' has no leadsim strategy; members are picked round-robin",
                   valid: "LEAST_ACTIVE (least-loaded) or MOST_AVAILABLE (load-ratio)")
        }
        return (.reps(queue.users.map(repName(ofUser:)), strategy: strategy), routing)
    }

    /// Records the reps of a newly created queue for the reps fragment (a folder import only).
    mutating func noteReps(of target: ImportMap.Target, queue: String?, routing: SalesforceMetadata.RoutingConfig?, user: String?) {
        guard let metadata else { return }
        let users: [String]
        if let queue, let file = metadata.queues[queue], case .reps = target {
            users = file.users
        } else if let user, case .rep = target {
            users = [user]
        } else {
            return
        }
        for user in users {
            let name = repName(ofUser: user)
            let presence = metadata.capacity(of: user)
            let weight = routing?.capacityWeight ?? 1
            let open = presence.map { max(1, Int(($0.capacity / weight).rounded(.down))) }
            var note = user
            if let presence {
                note += ": presence '\(presence.config)' capacity \(Self.number(presence.capacity))"
                    + (weight == 1 ? "" : " ÷ capacityWeight \(Self.number(weight))")
            }
            if let i = folderReps.firstIndex(where: { $0.name == name }) {
                if folderReps[i].team == nil, let queue { folderReps[i].team = Self.slug(queue) }
                if folderReps[i].open == nil { folderReps[i].open = open }
                continue
            }
            folderReps.append(FolderRep(name: name, user: user, team: queue.map { Self.slug($0) }, open: open, note: note))
        }
    }

    /// Omni-Channel settings of a queue's routing configuration: `pushTimeout` reassigns an
    /// untouched lead after that time, `queueOverflowAssignee` takes what waits that long (or 1h).
    mutating func applyRouting(_ routing: SalesforceMetadata.RoutingConfig, to index: Int, entry: XMLElement, path: String) {
        guard case .human(var human) = queues[index].queue.kind else { return }
        var notes = ["Omni-Channel '\(routing.label ?? routing.name)'"]
        if let model = routing.routingModel { notes.append(model) }
        if let timeout = routing.pushTimeout {
            human.sla = .own(SLA(firstTouch: timeout, onBreach: .reassign))
            notes.append("pushTimeout \(Self.number(timeout))s → sla reassign")
        }
        if let assignee = routing.overflowAssignee {
            let after = routing.pushTimeout ?? 3600
            if routing.pushTimeout == nil {
                report(.warning, entry, path, "queue overflow to '\(assignee)' has no time in Salesforce; leads overflow after 1h waiting (edit overflow.after)")
            }
            let rep = repName(ofUser: assignee)
            let target = queue(for: .rep(rep), display: "User \(assignee) (overflow)")
            noteReps(of: .rep(rep), queue: nil, routing: nil, user: assignee)
            human.overflow = Overflow(after: after, to: target)
            notes.append("overflow → \(assignee)")
        }
        if let priority = routing.routingPriority { notes.append("routingPriority \(priority) (not modelled)") }
        if !routing.skills.isEmpty {
            notes.append("skills \(routing.skills.joined(separator: ", ")) (not modelled)")
            report(.warning, entry, path,
                   "routing configuration '\(routing.name)' requires the skills \(routing.skills.joined(separator: ", ")); leadsim matches a lead field against rep skills, so they are noted, not applied",
                   valid: "skill: FIELD on the queue and skills: [...] on its reps, by hand")
        }
        queues[index].queue.kind = .human(human)
        queues[index].comment += "; " + notes.joined(separator: ", ")
    }

    /// `5`, `1.5`.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// The reps fragment of a folder import: teams and reps to paste into a scenario.
    func repsFragment(ruleFile: String) -> String {
        var teams: [String] = []
        for rep in folderReps {
            let team = rep.team ?? Self.usersTeam
            if !teams.contains(team) { teams.append(team) }
        }
        var out = ["# Reps of the Salesforce users that \(ruleFile) assigns to (queue members from queues/*,",
                   "# capacity.open from presenceUserConfigs/* ÷ the queue's capacityWeight). Paste into a scenario",
                   "# and give each its schedule and time zone; a team is the first queue the rep is a member of.",
                   "teams:"]
        out += teams.map { "  - name: \(YAMLText.name($0))" }
        out.append("reps:")
        for rep in folderReps {
            var entries: [(String, YAMLText.Value)] = [("name", .scalar(YAMLText.name(rep.name))),
                                                       ("team", .scalar(YAMLText.name(rep.team ?? Self.usersTeam)))]
            if let open = rep.open { entries.append(("capacity", .map([("open", .scalar(String(open)))]))) }
            out.append("  - " + YAMLText.flow(.map(entries)) + "  # " + rep.note)
        }
        return out.joined(separator: "\n") + "\n"
    }
}
