/// An immutable copy of an array in memory that lives as long as this object.
///
/// The hot path reads compiled tables through raw buffers (no bounds checks, no reference
/// counting, no closures); the owning struct keeps the object, and so the memory, alive.
final class _Frozen<Element>: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<Element>

    init(_ array: [Element]) {
        let memory = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(array.count, 1))
        _ = memory.initialize(from: array)
        buffer = UnsafeBufferPointer(start: memory.baseAddress, count: array.count)
    }

    deinit {
        let memory = UnsafeMutablePointer(mutating: buffer.baseAddress!)
        memory.deinitialize(count: buffer.count)
        memory.deallocate()
    }
}
