/// Times as RFC 3339 text in UTC, `2026-11-25T10:00:00Z`: the one writer of timestamps for
/// scans, captures and the remembered-networks file.
public enum RFC3339 {
  /// The latest second this writer can spell (9999-12-31T23:59:59Z).
  public static let latest: Int64 = 253_402_300_799

  /// The UTC time `seconds` after 1970-01-01T00:00:00Z; nil outside years 1970-9999.
  public static func format(secondsSinceEpoch seconds: Int64) -> String? {
    guard seconds >= 0, seconds <= latest else { return nil }
    let days = seconds / 86_400
    let secondOfDay = seconds % 86_400
    // Civil date from days since 1970-01-01 (proleptic Gregorian, 400-year eras from 0000-03-01).
    let shifted = days + 719_468
    let era = shifted / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(year)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):"
      + "\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
  }
}
