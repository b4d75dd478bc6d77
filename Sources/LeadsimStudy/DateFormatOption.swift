import TextFormats

/// How CRM exports write dates (`iso`, `us`, `eu`), for front ends that take `--date-format`
/// (`route`, and the history commands) without importing `TextFormats`.
public typealias DateFormat = TextFormats.DateFormat
