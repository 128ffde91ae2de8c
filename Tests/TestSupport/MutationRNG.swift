/// The one seeded generator of the mutation tests (SplitMix64): a fixed seed makes every
/// mutation run the same run, so a failure can be replayed.
public struct MutationRNG: RandomNumberGenerator {
  public var state: UInt64
  public init(seed: UInt64) { state = seed }
  public init(state: UInt64) { self.state = state }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `0..<bound` (`bound` > 0).
  public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
  /// A number in `0..<bound`, or 0 when `bound` is not positive.
  public mutating func next(_ bound: Int) -> Int { bound > 0 ? below(bound) : 0 }
  public mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next()) }
}
