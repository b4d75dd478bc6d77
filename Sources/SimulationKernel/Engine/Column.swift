/// A fixed-size array for the kernel's hot per-rep state, owning its memory.
///
/// Reads and writes go through a pointer: no copy-on-write check, no reference counting of the
/// storage, and elements are used in place (a sampler is not copied to be called).
/// Noncopyable, so the one owner frees the elements when it goes.
struct Column<Element>: ~Copyable {
    private let base: UnsafeMutablePointer<Element>
    let count: Int

    init(repeating value: Element, count: Int) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: value, count: count)
    }

    init(_ values: [Element]) {
        count = values.count
        base = .allocate(capacity: max(count, 1))
        _ = UnsafeMutableBufferPointer(start: base, count: count).initialize(from: values)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    subscript(index: Int) -> Element {
        unsafeAddress {
            assert(index >= 0 && index < count, "Column index \(index) out of 0..<\(count)")
            return UnsafePointer(base + index)
        }
        nonmutating unsafeMutableAddress {
            assert(index >= 0 && index < count, "Column index \(index) out of 0..<\(count)")
            return base + index
        }
    }

    /// The elements' storage, for a view that writes them in place while the column lives.
    var baseAddress: UnsafeMutablePointer<Element> { base }
}

/// Fixed lists, one per row, stored end to end (per-rep lists on the hot path, without an
/// array per row to retain).
struct RaggedColumn<Element>: ~Copyable {
    /// Row r holds `values[starts[r]..<starts[r + 1]]`.
    private let starts: Column<Int>
    private let values: Column<Element>

    init(_ rows: [[Element]]) {
        starts = Column(Self.starts(of: rows))
        values = Column(rows.flatMap { $0 })
    }

    /// Where each row starts in the flattened rows, and where the last one ends.
    static func starts(of rows: [[Element]]) -> [Int] {
        var starts = [0]
        for row in rows { starts.append(starts[starts.count - 1] + row.count) }
        return starts
    }

    /// The positions of row `row`'s elements (read them with the subscript).
    func positions(of row: Int) -> Range<Int> { starts[row]..<starts[row + 1] }

    subscript(position: Int) -> Element { values[position] }
}

/// A reference that does no reference counting: the kernel's one use of `Unmanaged`, for
/// objects on the hot path that the replication or its plan keeps alive for the whole run
/// (arrival streams, lead factories, the rep table behind a ``RepView``).
struct Unretained<Object: AnyObject> {
    private let reference: Unmanaged<Object>

    init(_ object: Object) { reference = .passUnretained(object) }

    @inline(__always)
    func use<Result>(_ body: (Object) -> Result) -> Result { reference._withUnsafeGuaranteedRef(body) }
}
