/// Little-endian integers at an absolute index of a byte slice: the one way the decoders
/// read them, whether through `ByteCursor` or at offsets they have already checked. Every
/// byte read is bounds-checked like any subscript.
extension ArraySlice<UInt8> {
  @inline(__always)
  func u16LE(at index: Int) -> UInt16 {
    UInt16(self[index]) | UInt16(self[index + 1]) << 8
  }

  @inline(__always)
  func u32LE(at index: Int) -> UInt32 {
    UInt32(u16LE(at: index)) | UInt32(u16LE(at: index + 2)) << 16
  }

  @inline(__always)
  func u64LE(at index: Int) -> UInt64 {
    UInt64(u32LE(at: index)) | UInt64(u32LE(at: index + 4)) << 32
  }
}
