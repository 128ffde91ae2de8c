# Shared by Tests/Lab/setup, Tests/Lab/boot and Tests/Lab/run (sourced, not executed).
#
# Paths, logging, and the two cached artefacts the guest boots from: Debian's stock kernel
# unpacked into the cache (never installed on the host) and a small initramfs.

LAB_DIR=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
REPO_DIR=$(cd "$LAB_DIR/../.." && pwd)
LAB_CACHE=${WIFIRISK_LAB_CACHE:-$REPO_DIR/.cache/lab}
LAB_T0=${LAB_T0:-$(date +%s.%N)}
export LAB_T0

lab_elapsed() { awk -v now="$(date +%s.%N)" -v t0="$1" 'BEGIN { printf "%.1f", now - t0 }'; }
lab_log() { printf '[lab %6ss] %s\n' "$(lab_elapsed "$LAB_T0")" "$*" >&2; }
lab_error() { printf '[lab] ERROR: %s\n' "$*" >&2; }

# Host packages the lab uses. The guest runs the host's own binaries (through the read-only
# 9p root), so everything the guest needs is installed on the host.
LAB_PACKAGES=(
  qemu-system-x86 # the emulator (TCG)
  busybox-static  # the initramfs shell (must be static: the initramfs has no libc)
  kmod            # depmod/modprobe for the unpacked kernel tree, modprobe in the guest
  iproute2        # ip link
  iw              # ground truth for scans
  wireless-regdb  # regulatory.db, loaded by cfg80211 in the guest
  hostapd         # the access points
  wpasupplicant   # the client
  openssl         # the EAP server's certificate, made fresh in the guest
  tcpdump         # radiotap capture on hwsim0 (--record)
  python3         # the in-guest driver and checks (Tests/Lab/guest/lab.py)
  util-linux      # setpriv (the unprivileged check)
  dnsmasq-base    # DHCP (option 114) and DNS of the captive portal (guest/portal.sh)
  isc-dhcp-client # dhclient, the portal client's lease (guest/portal.sh)
  wireless-tools  # iwlist, libiw's reading of the Wireless Extensions scan (guest/wext.sh)
  network-manager # NetworkManager, nmcli, nm-dispatcher (guest/networkmanager.sh)
  udev            # systemd-udevd: NetworkManager manages only devices udev has initialized
  dbus            # the system bus NetworkManager and iwd talk over, with its activation helper
  iwd             # the other client daemon (guest/iwd.sh)
  libnotify-bin   # notify-send, which the hooks call for logged-in users
  python3-dbus    # the lab's stand-in desktop: a notification server (guest/notifyd.py)
  python3-gi      # its main loop
)

# Returns 0 when every host tool the lab needs is there.
lab_missing_tools() {
  local missing=()
  command -v qemu-system-x86_64 > /dev/null || missing+=(qemu-system-x86_64)
  [ -x /bin/busybox ] && ! ldd /bin/busybox > /dev/null 2>&1 || missing+=(busybox-static)
  local t
  for t in depmod modprobe ip iw hostapd hostapd_cli wpa_supplicant openssl tcpdump setpriv \
    NetworkManager nmcli dbus-daemon notify-send iwctl busctl journalctl; do
    command -v "$t" > /dev/null || [ -x "/usr/sbin/$t" ] || [ -x "/sbin/$t" ] || missing+=("$t")
  done
  [ -x /usr/bin/python3 ] || missing+=(/usr/bin/python3)
  for t in /usr/libexec/iwd /lib/systemd/systemd-udevd /lib/systemd/systemd-journald; do
    [ -x "$t" ] || missing+=("$t")
  done
  [ -e /lib/firmware/regulatory.db ] || missing+=(regulatory.db)
  printf '%s\n' "${missing[@]}"
}

# The kernel chosen by setup: KVER and paths. Returns 1 when setup has not run.
lab_load_kernel_env() {
  [ -f "$LAB_CACHE/kernel.env" ] || return 1
  # shellcheck source=/dev/null
  . "$LAB_CACHE/kernel.env"
  KROOT=$LAB_CACHE/kernel-$KVER
  VMLINUZ=$KROOT/boot/vmlinuz-$KVER
  MODDIR=$KROOT/lib/modules/$KVER
  INITRD=$LAB_CACHE/initramfs-$KVER.cpio.gz
  [ -f "$KROOT/.complete" ] && [ -f "$VMLINUZ" ]
}

# The initramfs depends on guest/init, the busybox binary and the kernel's modules; its stamp
# file records a hash of the three so a change rebuilds it (cheap, no network).
lab_initramfs_stamp() {
  { md5sum < "$LAB_DIR/guest/init"; md5sum < /bin/busybox; echo "$KVER"; } | md5sum | cut -c1-16
}

lab_initramfs_fresh() {
  [ -f "$INITRD" ] && [ "$(cat "$INITRD.stamp" 2> /dev/null)" = "$(lab_initramfs_stamp)" ]
}

# Static busybox, guest/init, and the modules needed to reach the 9p root: virtio_pci,
# 9pnet_virtio, 9p, overlay (Debian builds them as modules) with their dependencies, in the
# order modprobe would load them.
lab_build_initramfs() {
  local tree ko
  tree=$(mktemp -d "$LAB_CACHE/initramfs.XXXXXX") || return 1
  mkdir -p "$tree"/{bin,dev,proc,sys,mnt/host,mnt/rw,newroot,modules}
  cp /bin/busybox "$tree/bin/busybox"
  cp "$LAB_DIR/guest/init" "$tree/init"
  chmod 755 "$tree/init"
  : > "$tree/modules/order"
  for m in virtio_pci 9pnet_virtio 9p overlay; do
    modprobe -d "$KROOT" -S "$KVER" --show-depends "$m" || {
      lab_error "module $m is not in the cached kernel $KVER"
      rm -rf "$tree"
      return 1
    }
  done | awk '$1 == "insmod" && !seen[$2]++ { print $2 }' > "$tree/modules/paths"
  while read -r ko; do
    cp "$ko" "$tree/modules/"
    basename "$ko" >> "$tree/modules/order"
  done < "$tree/modules/paths"
  rm "$tree/modules/paths"
  (cd "$tree" && find . | busybox cpio -o -H newc 2> /dev/null | gzip -1) > "$INITRD.new" || {
    rm -rf "$tree"
    return 1
  }
  mv "$INITRD.new" "$INITRD"
  lab_initramfs_stamp > "$INITRD.stamp"
  rm -rf "$tree"
}
