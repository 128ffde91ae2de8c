// Wireless Extensions event streams (SIOCGIWSCAN's answer).
import WifiRiskCore

enum WextTarget {
  /// Input: a layout byte (64- or 32-bit reader, byte order), then the event stream.
  /// Properties: every event and issue lies inside the stream, events come in order, and
  /// the cells' records rate deterministically.
  static func run(_ data: [UInt8]) {
    var input = FuzzInput(data)
    let choice = input.byte()
    let stream = input.rest()
    var layout: WextStreamLayout = choice & 1 == 0 ? .lp64 : .ilp32
    layout.bigEndian = choice & 2 != 0
    let scan = WextScan(bytes: stream, layout: layout)
    require(WextScan(bytes: stream, layout: layout) == scan, "wext decoding varies")
    var last = -1
    for event in scan.events {
      require(event.offset > last && event.offset < stream.count, "event offsets out of order")
      last = event.offset
    }
    for issue in scan.issues {
      require(issue.offset >= 0 && issue.offset <= stream.count, "an issue outside the stream")
      requireTerminalSafe(issue.detail, "a wext issue")
    }
    for cell in scan.cells {
      if let essid = cell.essid { escapeChecked(essid, "an ESSID") }
    }
    Rating.check(scan.records)
  }
}
