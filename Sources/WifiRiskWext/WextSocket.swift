import CIw
import Glibc
import WifiRiskCore

// The owner of the ioctl socket, and the one place that issues Wireless Extensions ioctls.
// Every libiw call and every C pointer of WifiRiskWext is in this file and WextClient.swift;
// a pointer handed to the kernel lives only for the ioctl that uses it.

/// A datagram socket for Wireless Extensions ioctls (libiw's `iw_sockets_open`), closed on
/// deinit.
@safe
struct WextSocket: ~Copyable {
  let descriptor: Int32

  init() throws(WextError) {
    let descriptor = iw_sockets_open()
    guard descriptor >= 0 else { throw .noSocket(errno: errno) }
    self.descriptor = descriptor
  }

  deinit { close(descriptor) }

  /// Issues one Wireless Extensions ioctl with `request` filled in for `interface` (libiw's
  /// `iw_get_ext`, which is `iw_set_ext` too: both copy the name and call `ioctl`). Returns
  /// 0, or the errno of the failure.
  func call(_ command: Int32, _ interface: String, _ request: inout iwreq) -> Int32 {
    let status = unsafe iw_get_ext(descriptor, interface, command, &request)
    return status < 0 ? errno : 0
  }

  /// A request whose answer is data in a buffer of `capacity` bytes (`struct iw_point`):
  /// the buffer exists only during the ioctl; its answer is copied out at once. Returns the
  /// errno (0 on success), the bytes, the flags and the length field the kernel left.
  func callWithBuffer(
    _ command: Int32, _ interface: String, capacity: Int, flags: UInt16 = 0
  ) -> (status: Int32, data: [UInt8], flags: UInt16, length: Int) {
    let size = min(max(capacity, 1), Int(UInt16.max))
    var buffer = [UInt8](repeating: 0, count: size)
    var status: Int32 = 0
    var length = 0
    var answerFlags: UInt16 = 0
    unsafe buffer.withUnsafeMutableBytes { raw in
      var request = unsafe iwreq()
      unsafe request.u.data.pointer = raw.baseAddress
      unsafe request.u.data.length = UInt16(size)
      unsafe request.u.data.flags = flags
      status = unsafe call(command, interface, &request)
      length = unsafe Int(request.u.data.length)
      answerFlags = unsafe request.u.data.flags
    }
    guard status == 0 else { return (status, [], 0, length) }
    return (0, Array(buffer.prefix(min(length, size))), answerFlags, length)
  }
}
