import Foundation
import Testing

/// Sharded runs end to end (scripts/test-shards.sh on the built binary), the deploy/
/// manifests, and `--shard` usage errors.
@Suite struct ShardCLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func shell(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// 1, 3 and 7 shards as concurrent processes merge byte for byte into the unsharded run;
    /// missing, duplicated, foreign and truncated shards are refused; --shard auto; staff.
    @Test func shardScriptPasses() throws {
        let binary = try #require(Leadsim.binary)
        let result = try Self.shell(["bash", "scripts/test-shards.sh", binary.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("checks passed"))
    }

    @Test func deployManifestsAreValidYAML() throws {
        let check = """
            import yaml, sys
            study = list(yaml.safe_load_all(open('deploy/kubernetes-study.yaml')))
            merge = list(yaml.safe_load_all(open('deploy/kubernetes-merge.yaml')))
            assert [d['kind'] for d in study] == ['Job'] and [d['kind'] for d in merge] == ['Job']
            spec = study[0]['spec']
            assert spec['completionMode'] == 'Indexed'
            container = spec['template']['spec']['containers'][0]
            env = {e['name']: e['value'] for e in container['env']}
            assert int(env['LEADSIM_SHARD_COUNT']) == spec['completions'], env
            assert '--shard=auto' in container['args']
            out = [a for a in container['args'] if a.startswith('--out=')][0][6:]
            margs = merge[0]['spec']['template']['spec']['containers'][0]['args']
            assert margs[0] == 'merge' and margs[1] == out, margs
            print('ok')
            """
        let result = try Self.shell(["python3", "-c", check])
        #expect(result.status == 0 && result.output.contains("ok"), "\(result.output)")
        let syntax = try Self.shell(["bash", "-n", "deploy/slurm-study.sh"])
        #expect(syntax.status == 0, "\(syntax.output)")
        let script = try String(contentsOf: Self.root.appendingPathComponent("deploy/slurm-study.sh"), encoding: .utf8)
        #expect(script.contains("--shard auto") && script.contains("--dependency=\"afterok:$shards\"") && script.contains(" merge "))
    }

    @Test(arguments: [
        (["--shard", "3/3"], "0-based"),
        (["--shard", "x"], "--shard takes K/N"),
        (["--shard", "0/2", "--trace"], "--trace cannot be combined with --shard"),
    ])
    func badShardsAreUsageErrors(arguments: [String], message: String) throws {
        let dir = try RunCompareCLITests.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Leadsim.run(["run", "scenario.yaml", "baseline.yaml", "--out", "o"] + arguments, in: dir)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func mergeOfNothingUsefulExitsOne() throws {
        let dir = try RunCompareCLITests.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = try Leadsim.run(["merge", "nowhere"], in: dir)
        #expect(missing.status == 1 && missing.stderr.contains("nowhere: no such file or directory"), "\(missing.stderr)")
        let notRecords = try Leadsim.run(["merge", "scenario.yaml"], in: dir)
        #expect(notRecords.status == 1 && notRecords.stderr.contains("scenario.yaml:1: not a leadsim records header"),
                "\(notRecords.stderr)")
    }
}
