import Foundation

/// One row of the kernel lab's table of expected results, `Tests/Lab/expectations.tsv`: what
/// one lab access point must rate. The lab checks live scans against it; the unit tests
/// check the lab's recordings (iw text, radiotap capture) against the same rows, read here.
public struct LabExpectation: Sendable, CustomStringConvertible {
  public var label: String
  public var ssid: String
  /// Lower-case and colon-separated, as the table writes it.
  public var bssid: String
  public var hidden: Bool
  /// The acceptable security values (the table's `a|b`).
  public var security: [String]
  public var pmf: String
  public var wps: String
  /// Finding ids that must be present, and ones that must be absent.
  public var present: [String]
  public var absent: [String]

  public var description: String { label }

  public static let table = Repository.url("Tests/Lab/expectations.tsv")
  /// The current-hostapd set's table (`Tests/Lab/run` with `WIFIRISK_LAB_HOSTAPD`).
  public static let currentHostapdTable = Repository.url("Tests/Lab/current/expectations.tsv")

  /// Every row of the table. `#` lines are comments; the first other line names the columns.
  public static func load(_ table: URL = table) throws -> [LabExpectation] {
    let text = try String(contentsOf: table, encoding: .utf8)
    var rows: [LabExpectation] = []
    var columns: [String]?
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (number, line) in lines.enumerated() where !line.isEmpty && !line.hasPrefix("#") {
      let fields = line.split(separator: "\t").map(String.init)
      guard let names = columns else {
        columns = fields
        continue
      }
      guard fields.count == names.count else {
        throw TableError(
          line: number + 1, message: "\(fields.count) fields, expected \(names.count)")
      }
      let row = Dictionary(uniqueKeysWithValues: zip(names, fields))
      func value(_ name: String) throws -> String {
        guard let value = row[name] else {
          throw TableError(line: number + 1, message: "no \(name) column")
        }
        return value
      }
      func list(_ name: String) throws -> [String] {
        let text = try value(name)
        return text == "-" ? [] : text.split(separator: ",").map(String.init)
      }
      rows.append(
        LabExpectation(
          label: try value("label"), ssid: try value("ssid"), bssid: try value("bssid"),
          hidden: try value("hidden") == "yes",
          security: try value("security").split(separator: "|").map(String.init),
          pmf: try value("pmf"), wps: try value("wps"), present: try list("present"),
          absent: try list("absent")))
    }
    return rows
  }

  /// A table that does not read: its line and what is wrong there.
  public struct TableError: Error, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "expectations.tsv:\(line): \(message)" }
  }
}
