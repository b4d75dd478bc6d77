import RandomStreams
import Testing

@Suite("Stream seeds")
struct StreamSeedTests {
    // Expected values computed independently (Python) from the recipe documented on StreamSeed.
    @Test("derive() gives the documented constants", arguments: [
        (UInt64(42), 0, "demo-request", UInt64(0xf852_cb0c_280a_1df7)),
        (UInt64(42), 1, "demo-request", UInt64(0x0ebd_7769_2eff_092f)),
        (UInt64(0), 0, "", UInt64(0x7dc2_c42b_173e_bf65)),
        (UInt64(7), -1, "rep/ålice", UInt64(0x8fa0_114c_74b4_468e)),
    ])
    func deriveIsStable(seed: UInt64, replication: Int, name: String, expected: UInt64) {
        #expect(StreamSeed.derive(seed: seed, replication: replication, name: name) == expected)
        #expect(StreamKey(seed: seed, replication: replication, name: name).derivedSeed == expected)
    }

    @Test func fnv1aMatchesReferenceVectors() {
        #expect(StreamSeed.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(StreamSeed.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(StreamSeed.fnv1a64("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test func distinctInputsGiveDistinctSeeds() {
        var seen = Set<UInt64>()
        for replication in 0..<50 {
            for name in ["a", "b", "ab", "ba", "source-1", "source-2", ""] {
                seen.insert(StreamSeed.derive(seed: 42, replication: replication, name: name))
            }
        }
        #expect(seen.count == 50 * 7)
        #expect(StreamSeed.derive(parent: 1, name: "x") != StreamSeed.derive(parent: 1, name: "y"))
        #expect(StreamSeed.derive(parent: 1, index: 0) != StreamSeed.derive(parent: 1, index: 1))
    }
}
