/// A lead's field values by schema field index, as the routing core reads them: fields beyond
/// the end count as missing.
public struct LeadView: Sendable {
    @usableFromInline let values: ArraySlice<LeadValue>

    @inlinable
    public init(_ values: [LeadValue]) { self.values = values[...] }

    /// The values at `fields` of `values`: one lead of several laid end to end.
    @inlinable
    public init(_ values: [LeadValue], fields: Range<Int>) { self.values = values[fields] }

    @inlinable
    func withFields<Result>(_ body: (UnsafeBufferPointer<LeadValue>) -> Result) -> Result {
        values.withUnsafeBufferPointer(body)
    }
}
