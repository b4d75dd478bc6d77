/// A fixed-size array of plain values for the kernel's hot per-rep state.
///
/// Reads and writes are a single load or store through a pointer: no copy-on-write check and no
/// reference counting, even through a `let`. The owning class calls ``deallocate()`` in its
/// `deinit`; a column must not be used after that.
struct Column<Element: BitwiseCopyable> {
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

    func deallocate() { base.deallocate() }
}
