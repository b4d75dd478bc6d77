/// A fixed-size array for the kernel's hot per-rep state.
///
/// Reads and writes go through a pointer: no copy-on-write check, no reference counting of the
/// storage, and elements are used in place (a sampler is not copied to be called). The owning
/// class calls ``deallocate()`` in its `deinit`; a column must not be used after that.
struct Column<Element> {
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

    func deallocate() {
        base.deinitialize(count: count)
        base.deallocate()
    }
}

/// Fixed lists, one per row, stored end to end (per-rep lists on the hot path, without an
/// array per row to retain).
struct RaggedColumn<Element> {
    /// Row r holds `values[starts[r]..<starts[r + 1]]`.
    private let starts: Column<Int>
    private let values: Column<Element>

    init(_ rows: [[Element]]) {
        var starts = [0]
        for row in rows { starts.append(starts[starts.count - 1] + row.count) }
        self.starts = Column(starts)
        values = Column(rows.flatMap { $0 })
    }

    /// The positions of row `row`'s elements (read them with the subscript).
    func positions(of row: Int) -> Range<Int> { starts[row]..<starts[row + 1] }

    subscript(position: Int) -> Element { values[position] }

    func deallocate() {
        starts.deallocate()
        values.deallocate()
    }
}
